import Bittensor
@testable import ComputeSubnet
import Foundation
import Testing
import Timelock

/// The validator's weights path: `set_weights` when commit-reveal is off, a timelocked
/// commit (the real drand tlock, to a test beacon key) when it is on.
@Suite struct WeightSetterCommitRevealTests {
    /// A chain that records the weights calls it gets.
    actor RecordingChain: Subtensor {
        struct Commit: Sendable { var netuid: UInt16; var mecid: UInt8; var commit: [UInt8]; var round: UInt64; var version: UInt16; var signer: String }
        var hyper: SubnetHyperparameters
        let schedule: EpochSchedule
        let beacon: TimelockBeacon
        private(set) var setWeightsCalls: [(uids: [UInt16], weights: [Double], versionKey: UInt64)] = []
        private(set) var commits: [Commit] = []

        init(hyper: SubnetHyperparameters, schedule: EpochSchedule, beacon: TimelockBeacon) {
            self.hyper = hyper; self.schedule = schedule; self.beacon = beacon
        }

        func currentBlock() async throws -> UInt64 { schedule.currentBlock }
        func metagraph(netuid: UInt16) async throws -> Metagraph { Metagraph(block: schedule.currentBlock, netuid: netuid, neurons: []) }
        func isRegistered(hotkey: String, netuid: UInt16) async throws -> Bool { true }
        func hyperparameters(netuid: UInt16) async throws -> SubnetHyperparameters { hyper }
        func blocksSinceLastUpdate(netuid: UInt16, uid: UInt16) async throws -> UInt64 { 1000 }
        func serveAxon(netuid: UInt16, axon: AxonInfo, signer: Keypair) async throws {}
        func setWeights(netuid: UInt16, uids: [UInt16], weights: [Double], versionKey: UInt64, signer: Keypair) async throws {
            if hyper.commitRevealEnabled { throw ChainError.commitRevealEnabled(netuid: netuid) }
            setWeightsCalls.append((uids, weights, versionKey))
        }
        func burnedRegister(netuid: UInt16, hotkey: String, coldkey: Keypair) async throws {}
        func epochSchedule(netuid: UInt16) async throws -> EpochSchedule { schedule }
        func timelockBeacon() async throws -> TimelockBeacon { beacon }
        func expectedBlockTime() async throws -> Double { 12 }
        func commitTimelockedWeights(netuid: UInt16, mecid: UInt8, commit: [UInt8], revealRound: UInt64, version: UInt16,
                                     signer: Keypair) async throws {
            commits.append(Commit(netuid: netuid, mecid: mecid, commit: commit, round: revealRound, version: version, signer: signer.ss58Address))
        }
    }

    static let schedule = EpochSchedule(lastEpochBlock: 1000, pendingEpochAt: 0, subnetEpochIndex: 40, tempo: 360,
                                        blocksSinceLastStep: 20, currentBlock: 1020)
    /// A test beacon: a fixed BLS key on quicknet's clock.
    static let beaconKey = try! BeaconSecretKey(bytes: [UInt8](repeating: 0, count: 31) + [9])
    static let beacon = TimelockBeacon(publicKey: beaconKey.publicKey, genesis: 1_692_803_367, period: 3)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs `body` with a weight setter over a `RecordingChain`; shuts the dendrite's HTTP client down after.
    static func withSetter(commitReveal: Bool, cipher: (any TimelockCipher)?, mecid: UInt8 = 0,
                           _ body: (WeightSetter, RecordingChain, Keypair) async throws -> Void) async throws {
        let (setter, chain, hotkey) = try setter(commitReveal: commitReveal, cipher: cipher, mecid: mecid)
        do { try await body(setter, chain, hotkey) } catch {
            try? await setter.context.dendrite.shutdown()
            throw error
        }
        try await setter.context.dendrite.shutdown()
    }

    static func setter(commitReveal: Bool, cipher: (any TimelockCipher)?, mecid: UInt8 = 0) throws -> (WeightSetter, RecordingChain, Keypair) {
        let chain = RecordingChain(hyper: SubnetHyperparameters(commitRevealEnabled: commitReveal, revealPeriodEpochs: 2),
                                   schedule: schedule, beacon: beacon)
        let hotkey = try Keypair(miniSecret: [UInt8](repeating: 7, count: 32))
        var config = ValidatorConfiguration(netuid: 27)
        config.mecid = mecid
        config.timelock = cipher
        config.versionKey = 215
        let context = ValidatorContext(chain: chain, store: try ValidatorStore.temporary(), dendrite: Dendrite(keypair: hotkey),
                                       hotkey: hotkey, configuration: config, now: { now })
        return (WeightSetter(context: context), chain, hotkey)
    }

    @Test func commitRevealOffSetsWeightsAsBefore() async throws {
        try await Self.withSetter(commitReveal: false, cipher: DrandTimelockCipher()) { setter, chain, _ in
            try await setter.submit(weights: [0, 0.75, 0.25], hyperparameters: try await chain.hyperparameters(netuid: 27), block: 1020)
            let calls = await chain.setWeightsCalls
            #expect(calls.count == 1 && calls[0].uids == [0, 1, 2] && calls[0].weights == [0, 0.75, 0.25] && calls[0].versionKey == 215)
            #expect(await chain.commits.isEmpty)
        }
    }

    @Test func commitRevealOnCommitsTheEncryptedPayloadToThePredictedRound() async throws {
        try await Self.withSetter(commitReveal: true, cipher: DrandTimelockCipher(), mecid: 3) { setter, chain, hotkey in
        try await setter.submit(weights: [0, 0.75, 0.25], hyperparameters: try await chain.hyperparameters(netuid: 27), block: 1020)
        #expect(await chain.setWeightsCalls.isEmpty)
        let commits = await chain.commits
        let commit = try #require(commits.first)
        #expect(commits.count == 1 && commit.netuid == 27 && commit.mecid == 3 && commit.version == 4 && commit.signer == hotkey.ss58Address)
        // The round bittensor-drand would compute for this schedule, reveal period and clock.
        let expected = try RevealRound(schedule: Self.schedule, revealPeriodEpochs: 2, blockTime: 12, beacon: Self.beacon,
                                       now: Self.now.timeIntervalSince1970)
        #expect(commit.round == expected.round)
        // Only that round's beacon signature opens it, and it holds the quantised weights for our hotkey.
        let signature = Self.beaconKey.sign(round: commit.round)
        let payload = try WeightsTlockPayload(decoding: try DrandTimelockCipher().decrypt(commit.commit, signature: signature))
        let q = try WeightQuantizer.quantize(uids: [0, 1, 2], weights: [0, 0.75, 0.25])
        #expect(payload == WeightsTlockPayload(hotkey: hotkey.publicKey, uids: q.uids, values: q.weights, versionKey: 215))
        #expect(throws: (any Error).self) {
            try DrandTimelockCipher().decrypt(commit.commit, signature: Self.beaconKey.sign(round: commit.round - 1))
        }
        }
    }

    @Test func commitRevealOnWithoutACipherSaysWhatIsMissing() async throws {
        try await Self.withSetter(commitReveal: true, cipher: nil) { setter, chain, _ in
            await #expect(throws: CommitRevealSetupError.noCipher(netuid: 27)) {
                try await setter.submit(weights: [0, 1], hyperparameters: try await chain.hyperparameters(netuid: 27), block: 1020)
            }
            #expect(await chain.setWeightsCalls.isEmpty)
            #expect(await chain.commits.isEmpty)
        }
        #expect(CommitRevealSetupError.noCipher(netuid: 27).description.contains("commit-reveal"))
    }

    @Test func mecidDefaultsToZero() {
        #expect(ValidatorConfiguration().mecid == 0)
        #expect(ValidatorConfiguration().timelock == nil)
    }
}
