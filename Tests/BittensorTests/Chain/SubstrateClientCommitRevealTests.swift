import Bittensor
import Foundation
import Testing

/// `SubstrateClient`'s commit-reveal side over the loopback fixture node (recorded finney
/// metadata, which predates `LastEpochBlock`: the modulo schedule applies).
@Suite(.serialized) struct SubstrateClientCommitRevealTests {
    func withChain(_ configure: (inout FixtureChain.State) -> Void = { _ in },
                   _ body: (SubstrateClient, FixtureChain) async throws -> Void) async throws {
        let chain = try FixtureChain()
        var initial = FixtureChain.State()
        configure(&initial)
        let configured = initial
        chain.state.withLock { $0 = configured }
        let server = try await LoopbackRPCServer { chain.respond($0, $1) }
        var config = SubstrateClient.Configuration()
        config.inclusionTimeout = .seconds(10)
        let client = SubstrateClient(endpoint: server.url, configuration: config)
        do { try await body(client, chain) } catch {
            await client.close(); await server.stop()
            throw error
        }
        await client.close()
        await server.stop()
    }

    @Test func epochScheduleFromStorageOnARuntimeWithoutTheEpochCounter() async throws {
        try await withChain { client, chain in
            let s = try await client.epochSchedule(netuid: 1)
            // Tempo is absent from the fixture node's storage: the metadata's default applies.
            let entry = try #require(chain.metadata.storageEntry(pallet: "SubtensorModule", name: "Tempo"))
            let tempo = UInt16(entry.defaultValue[0]) | UInt16(entry.defaultValue[1]) << 8
            #expect(s == EpochSchedule.legacy(netuid: 1, tempo: tempo, block: FixtureChain.head, blocksSinceLastStep: 0))
            #expect(s.currentBlock == FixtureChain.head)
            #expect((s.lastEpochBlock + 1 + 1) % UInt64(s.tempo) == UInt64(s.tempo) - 1)
            #expect(try await client.timelockBeacon() == .quicknet)
            #expect(try await client.expectedBlockTime() == 12)
        }
    }

    @Test func submitsTheTimelockedCommitBuiltFromMetadata() async throws {
        try await withChain { client, chain in
            let hotkey = try Keypair(mnemonic: SubstrateClientTests.hotkeyMnemonic)
            let commit = [UInt8](repeating: 0xc1, count: 300)
            try await client.commitTimelockedWeights(netuid: 27, mecid: 0, commit: commit, revealRound: 1000, version: 4, signer: hotkey)
            let submitted = try #require(chain.state.withLock { $0.submitted }.first)
            let call = try ExtrinsicBuilder(metadata: chain.metadata)
                .callData(SubtensorCalls.commitTimelockedMechanismWeights(netuid: 27, mecid: 0, commit: commit, revealRound: 1000, version: 4))
            #expect(Array(submitted.suffix(call.count)) == call)
            // Too large for the BoundedVec: refused before anything is sent.
            await #expect(throws: ChainError.self) {
                try await client.commitTimelockedWeights(netuid: 27, mecid: 0, commit: [UInt8](repeating: 1, count: 5001),
                                                         revealRound: 1000, version: 4, signer: hotkey)
            }
            #expect(chain.state.withLock { $0.submitted.count } == 1)
        }
    }

    @Test func commitRevealDisabledIsTyped() async throws {
        let metadata = try #require(ChainFixtures.metadataV15)
        let index = try #require((0...255).first { metadata.moduleError(palletIndex: 7, errorIndex: UInt8($0))?.name == "CommitRevealDisabled" })
        try await withChain({ $0.outcome = .moduleError(pallet: 7, error: UInt8(index)) }) { client, _ in
            let hotkey = try Keypair(mnemonic: SubstrateClientTests.hotkeyMnemonic)
            await #expect(throws: ChainError.commitRevealDisabled(netuid: 27)) {
                try await client.commitTimelockedWeights(netuid: 27, mecid: 0, commit: [1, 2], revealRound: 1000, version: 4, signer: hotkey)
            }
        }
    }
}
