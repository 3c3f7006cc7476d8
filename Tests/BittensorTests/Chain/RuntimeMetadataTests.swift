import Bittensor
import Testing

@Suite struct RuntimeMetadataTests {
    @Test func decodesTheRecordedV14Metadata() throws {
        let md = try RuntimeMetadata(bytes: ChainFixtures.metadataV14Bytes)
        #expect(md.version == 14)
        #expect(md.types.types.count == 552)
        #expect(md.pallets.count == 26)
        #expect(md.pallet(named: "SubtensorModule")?.index == 7)
        #expect(md.pallet(named: "Balances")?.index == 5)
        #expect(md.extrinsicVersion == 4)
        #expect(md.runtimeApis.isEmpty)
        #expect(md.signedExtensions.map(\.identifier) == Self.finneyExtensions)
    }

    @Test func decodesTheRecordedV15MetadataWithRuntimeApis() throws {
        let md = try RuntimeMetadata(bytes: ChainFixtures.metadataV15Bytes)
        #expect(md.version == 15)
        #expect(md.types.types.count == 712)
        #expect(md.pallets.count == 26)
        #expect(md.signedExtensions.map(\.identifier) == Self.finneyExtensions)
        #expect(md.runtimeApis.count == 22)
        let lite = try #require(md.runtimeApiMethod(api: "NeuronInfoRuntimeApi", method: "get_neurons_lite"))
        #expect(lite.inputs.map(\.name) == ["netuid"])
        #expect(lite.output == 633)
        #expect(md.runtimeApiMethod(api: "SubnetInfoRuntimeApi", method: "get_subnet_hyperparams_v2") != nil)
    }

    static let finneyExtensions = [
        "CheckNonZeroSender", "CheckSpecVersion", "CheckTxVersion", "CheckGenesis", "CheckMortality", "CheckNonce",
        "CheckWeight", "ChargeTransactionPayment", "SubtensorTransactionExtension", "DrandPriority", "CheckMetadataHash",
    ]

    @Test(arguments: [14, 15])
    func callIndicesComeFromMetadata(version: Int) throws {
        let md = try #require(version == 14 ? ChainFixtures.metadataV14 : ChainFixtures.metadataV15)
        let expected: [String: UInt8] = [
            "set_weights": 0, "serve_axon": 4, "register": 6, "burned_register": 7, "commit_weights": 96,
            "reveal_weights": 97, "set_mechanism_weights": 119,
        ]
        for (name, index) in expected {
            let call = try md.call(pallet: "SubtensorModule", name: name)
            #expect(call.palletIndex == 7)
            #expect(call.callIndex == index, "\(name)")
        }
        let setWeights = try md.call(pallet: "SubtensorModule", name: "set_weights")
        #expect(setWeights.arguments.map(\.name) == ["netuid", "dests", "weights", "version_key"])
    }

    @Test func resolvesModuleErrorsByName() throws {
        let md = try #require(ChainFixtures.metadataV15)
        // In the recorded runtime CommitRevealEnabled is error 52 (53 is CommitRevealDisabled):
        // names must come from metadata, not from a table.
        let error = try #require(md.moduleError(palletIndex: 7, errorIndex: 52))
        #expect(error.pallet == "SubtensorModule")
        #expect(error.name == "CommitRevealEnabled")
        #expect(md.moduleError(palletIndex: 7, errorIndex: 53)?.name == "CommitRevealDisabled")
        #expect(md.moduleError(palletIndex: 7, errorIndex: 28)?.name == "SettingWeightsTooFast")
        #expect(md.moduleError(palletIndex: 7, errorIndex: 4)?.name == "HotKeyNotRegisteredInSubNet")
        #expect(md.moduleError(palletIndex: 7, errorIndex: 250) == nil)
        #expect(md.moduleError(palletIndex: 99, errorIndex: 0) == nil)
    }

    @Test func storageEntriesAreDescribed() throws {
        let md = try #require(ChainFixtures.metadataV15)
        let axons = try #require(md.storageEntry(pallet: "SubtensorModule", name: "Axons"))
        guard case let .map(hashers, _, _) = axons.kind else { Issue.record("Axons is not a map"); return }
        #expect(hashers == [.identity, .blake2_128Concat])
        #expect(md.storageEntry(pallet: "System", name: "Events") != nil)
    }

    @Test func truncatedMetadataIsATypedError() throws {
        let bytes = ChainFixtures.metadataV15Bytes
        for cut in [1, 5, 100, bytes.count / 2, bytes.count - 1] {
            #expect(throws: ScaleError.self) { try RuntimeMetadata(bytes: Array(bytes.prefix(cut))) }
        }
        #expect(throws: ScaleError.self) { try RuntimeMetadata(bytes: ChainFixtures.metadataV14Bytes + [0]) }
        #expect(throws: ScaleError.self) { try RuntimeMetadata(bytes: [0x00]) }
    }
}
