import Bittensor
import Testing

/// The recorded finney `get_neurons_lite(1)` response, against the SDK's decoding of it.
@Suite struct NeuronInfoLiteTests {
    static let neurons: [NeuronInfo] = (try? NeuronInfoLiteDecoder.decodeNeurons(ChainFixtures.neuronsLiteBytes)) ?? []

    @Test func decodesAll1024NeuronsConsumingEveryByte() throws {
        #expect(ChainFixtures.neuronsLiteBytes.count == 186_526)
        let neurons = try NeuronInfoLiteDecoder.decodeNeurons(ChainFixtures.neuronsLiteBytes)
        #expect(neurons.count == 1024)
        #expect(neurons.map(\.uid) == (0..<1024).map { UInt16($0) })
        // Totals computed from the SDK's decoding. On dynamic TAO the lite record's stake is
        // alpha on netuid 1 (the SDK's `_tbwu(stake, netuid)`), never TAO.
        #expect(neurons.reduce(UInt64(0)) { $0 + $1.alphaStake } == 414_026_131_830_337)
        #expect(neurons.allSatisfy { $0.taoStake == 0 && $0.stakeWeight == $0.alphaStake })
        #expect(neurons.reduce(UInt64(0)) { $0 + $1.emission } == 82_000_457_507)
        #expect(neurons.filter(\.validatorPermit).count == 12)
        #expect(neurons.filter(\.active).count == 10)
    }

    @Test func spotValuesMatchTheSDK() throws {
        let n = Self.neurons
        try #require(n.count == 1024)
        #expect(n[0].hotkey == "5DkMmXtWf16RNdusZGCrJ7ca7ADPgRnZLVWCWbgA7s7sy1AQ")
        #expect(n[0].coldkey == "5EhQWxcFdYAk7B9tNdQnJQFzww5N3964rbsMk55SujcX3PwM")
        #expect(n[0].alphaStake == 2_557_172_316)
        #expect(n[0].alpha == 2.557172316)
        #expect(n[0].lastUpdate == 2_543_521)
        #expect(n[0].axon == AxonInfo(block: 6_575_906, version: 9_011_001, ip: "192.222.59.109", port: 6028, ipType: 4, protocol: 4))
        #expect(n[7].axon.ip == "159.65.176.209" && n[7].axon.port == 14001 && n[7].axon.version == 9_010_001)
        #expect(n[777].hotkey == "5FHdFKvGh89d9waXCKt4Bb7THkUa9nhbtkUsWoybaqPhL4Jf")
        #expect(n[777].axon.ip == "107.170.26.70")
        #expect(n[1023].hotkey == "5Hmr8zrn8w81rzRMznjwYgZ3VqhS2ufUpK8wEpVpexNrdMNX")
        #expect(n[1023].axon.ip == "0.0.0.0" && !n[1023].axon.isServing)

        let top = n[395]
        #expect(top.hotkey == "5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh")
        #expect(top.alphaStake == 10_615_937_441_846)
        #expect(top.taoStake == 0 && top.stakeWeight == 10_615_937_441_846)
        #expect(top.emission == 41_000_228_794)
        #expect(top.incentive == 1.0 && top.trust == 1.0 && top.rank == 1.0 && top.pruningScore == 1.0)
        #expect(top.validatorPermit && !top.active)

        let validator = n[24]
        #expect(validator.hotkey == "5HbScNssaEfioJHXjcXdpyqo1AKnYjymidGF8opcF9rTFZdT")
        #expect(validator.active && validator.validatorPermit)
        #expect(validator.dividends == 2244.0 / 65535)
        #expect(validator.validatorTrust == 1.0)
        #expect(validator.emission == 1_404_278_762)
        #expect(validator.lastUpdate == 6_852_572)
    }

    @Test func truncatedResponsesAreTypedErrors() {
        let bytes = ChainFixtures.neuronsLiteBytes
        for cut in [0, 1, 2, 3, 100, 186_525] {
            #expect(throws: ScaleError.self) { try NeuronInfoLiteDecoder.decodeNeurons(Array(bytes.prefix(cut))) }
        }
        #expect(throws: ScaleError.trailingBytes(count: 1)) { try NeuronInfoLiteDecoder.decodeNeurons(bytes + [0]) }
    }
}
