import Bittensor
import Testing

/// `System.Events` decoding against the recorded metadata's own event types.
@Suite struct EventDecoderTests {
    @Test func theEventsStorageKeyIsTwox128OfPalletAndItem() {
        let key = XXHash.twox128(Array("System".utf8)) + XXHash.twox128(Array("Events".utf8))
        #expect(Hex.encode(key, prefix: true) == EventDecoder.systemEventsKey)
    }

    @Test func storageKeysUseTheMetadataHashers() throws {
        let md = try #require(ChainFixtures.metadataV15)
        // bittensor-protocol.md §3.4: the Axons prefix, and System.Account's well-known one.
        let axons = try StorageKey.make(metadata: md, pallet: "SubtensorModule", item: "Axons", keys: [[1, 0], [UInt8](repeating: 7, count: 32)])
        #expect(Hex.encode(axons.prefix(32)) == "658faa385070e074c85bf6b568cf0555b4e0c7b1d5f74994fcd58c28ab601fec")
        #expect(Array(axons[32..<34]) == [1, 0])
        #expect(Array(axons[34..<50]) == Blake2b.hash128([UInt8](repeating: 7, count: 32)))
        #expect(Array(axons.suffix(32)) == [UInt8](repeating: 7, count: 32))
        let account = StorageKey.make(prefix: "System", item: "Account", hashers: [], keys: [])
        #expect(Hex.encode(account).hasPrefix("26aa394e") && Hex.encode(account).hasSuffix("1da9"))
        #expect(throws: ChainError.self) { try StorageKey.make(metadata: md, pallet: "SubtensorModule", item: "Axons", keys: [[1, 0]]) }
        #expect(throws: ChainError.self) { try StorageKey.make(metadata: md, pallet: "SubtensorModule", item: "Nope", keys: []) }
    }

    @Test func successAndModuleErrorsByName() throws {
        let chain = try FixtureChain()
        let decoder = EventDecoder(metadata: chain.metadata)
        let ok = try decoder.decodeEvents(try chain.events(.success))
        #expect(ok.map(\.name) == ["ExtrinsicSuccess", "ExtrinsicSuccess"])
        #expect(ok.map(\.extrinsicIndex) == [0, 1])
        #expect(decoder.outcome(of: 1, in: ok) == .success)
        #expect(decoder.outcome(of: 2, in: ok) == .unknown)

        let failed = try decoder.decodeEvents(try chain.events(.moduleError(pallet: 7, error: 52)))
        guard case let .failed(error) = decoder.outcome(of: 1, in: failed) else { Issue.record("not a failure"); return }
        #expect(error.moduleErrorName == "CommitRevealEnabled")
        guard case let .module(pallet, name, _) = error else { Issue.record("not a module error"); return }
        #expect(pallet == "SubtensorModule" && name == "CommitRevealEnabled")

        // An error index the metadata does not know is still reported, by index.
        let odd = try decoder.decodeEvents(try chain.events(.moduleError(pallet: 7, error: 250)))
        #expect(decoder.outcome(of: 1, in: odd) == .failed(.module(pallet: "pallet#7", name: "error#250")))
    }

    @Test func nonModuleDispatchErrorsAreNamed() throws {
        let decoder = EventDecoder(metadata: try #require(ChainFixtures.metadataV15))
        #expect(decoder.error(from: .variant(name: "BadOrigin", index: 2, fields: [])) == .module(pallet: "Dispatch", name: "BadOrigin"))
        let token = ScaleValue.variant(name: "Token", index: 7, fields: [ScaleField(nil, .variant(name: "FundsUnavailable", index: 0, fields: []))])
        #expect(decoder.error(from: token) == .module(pallet: "Dispatch", name: "Token.FundsUnavailable"))
    }

    @Test func truncatedEventsAreATypedError() throws {
        let chain = try FixtureChain()
        let bytes = try chain.events(.moduleError(pallet: 7, error: 28))
        let decoder = EventDecoder(metadata: chain.metadata)
        for cut in [1, 10, bytes.count - 1] {
            #expect(throws: ChainError.self) { try decoder.decodeEvents(Array(bytes.prefix(cut))) }
        }
        #expect(throws: ChainError.self) { try decoder.decodeEvents(bytes + [0]) }
        // The decoder's own error travels with the ChainError, not just its text.
        #expect {
            try decoder.decodeEvents(Array(bytes.prefix(10)))
        } throws: { error in
            guard case let ChainError.decoding(what, cause?) = error else { return false }
            return what == "System.Events" && !(cause.error is ChainError) && error.localizedDescription.isEmpty == false
        }
    }

    @Test func chainErrorsWithACauseCompareByCause() {
        struct Cause: Error, CustomStringConvertible { let description: String }
        let one = ChainError.decoding("x", cause: ErrorCause(Cause(description: "a")))
        #expect(one == ChainError.decoding("x", cause: ErrorCause(Cause(description: "a"))))
        #expect(one != ChainError.decoding("x", cause: ErrorCause(Cause(description: "b"))))
        #expect(one != ChainError.decoding("x"))
        #expect(one.description == "could not decode chain data: x: a")
    }

    @Test func callDataFallsBackToKnownIndicesOnlyWithoutMetadata() throws {
        var md = try #require(ChainFixtures.metadataV15)
        md.pallets.removeAll { $0.name == "SubtensorModule" }
        let call = SubtensorCalls.setWeights(netuid: 27, uids: [0, 1, 5], weights: [65535, 32768, 32768], versionKey: 1_000_000)
        #expect(Hex.encode(try ExtrinsicBuilder(metadata: md).callData(call)) == "07001b000c0000010005000cffff0080008040420f0000000000")
        var noFallback = call
        noFallback.fallback = nil
        #expect(throws: ChainError.self) { try ExtrinsicBuilder(metadata: md).callData(noFallback) }
    }
}
