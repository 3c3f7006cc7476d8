import Bittensor
import Testing

/// The weights payload and the commit call, against timelock.md's layout and the recorded
/// finney metadata.
@Suite struct WeightsTlockPayloadTests {
    @Test func layoutIsCompactHotkeyUidsValuesVersion() throws {
        let hotkey = [UInt8](repeating: 0xab, count: 32)
        let p = WeightsTlockPayload(hotkey: hotkey, uids: [1, 300], values: [65535, 2], versionKey: 0x0102_0304_0506_0708)
        // compact(32) = 0x80, hotkey, compact(2) = 0x08, u16 LE…, compact(2), u16 LE…, u64 LE.
        let expected: [UInt8] = [0x80] + hotkey + [0x08, 0x01, 0x00, 0x2c, 0x01] + [0x08, 0xff, 0xff, 0x02, 0x00]
            + [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01]
        #expect(p.encoded == expected)
        #expect(try WeightsTlockPayload(decoding: p.encoded) == p)
    }

    @Test func decodingRefusesTrailingOrTruncatedBytes() {
        let p = WeightsTlockPayload(hotkey: [1, 2], uids: [1], values: [2], versionKey: 3)
        #expect(throws: ScaleError.self) { try WeightsTlockPayload(decoding: p.encoded + [0]) }
        #expect(throws: ScaleError.self) { try WeightsTlockPayload(decoding: Array(p.encoded.dropLast())) }
    }

    /// timelock.md: netuid 27, mecid 0, commit 0102, round 1000, v4 → 07761b0000080102e8030000000000000400.
    @Test(arguments: [14, 15])
    func commitCallDataFromMetadata(version: Int) throws {
        let md = try #require(version == 14 ? ChainFixtures.metadataV14 : ChainFixtures.metadataV15)
        let call = SubtensorCalls.commitTimelockedMechanismWeights(netuid: 27, mecid: 0, commit: [1, 2], revealRound: 1000,
                                                                   version: CommitReveal.version)
        #expect(call.fallback == nil)
        let data = try ExtrinsicBuilder(metadata: md).callData(call)
        #expect(Hex.encode(data) == "07761b0000080102e8030000000000000400")
        // The indices come from the metadata, not from the code.
        let resolved = try md.call(pallet: "SubtensorModule", name: "commit_timelocked_mechanism_weights")
        #expect(Array(data.prefix(2)) == [resolved.palletIndex, resolved.callIndex])
    }

    @Test func commitCallNeedsTheMetadataCall() throws {
        // Without the call in the metadata there is no hand-encoded guess.
        let md = try #require(ChainFixtures.metadataV15)
        let call = RuntimeCall(pallet: "SubtensorModule", name: "no_such_call", arguments: [:])
        #expect(throws: ChainError.self) { try ExtrinsicBuilder(metadata: md).callData(call) }
    }
}
