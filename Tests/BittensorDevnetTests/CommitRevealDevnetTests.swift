import Bittensor
@testable import BittensorDevnet
import Foundation
import Testing
import Timelock

/// Commit-reveal v4 on the devnet, with the real drand tlock (`TimelockSuite.drand`).
/// Subnet 27, tempo 4: epochs at blocks 1, 6, 11, 16, …; one block a second, one beacon round a second.
@Suite struct CommitRevealDevnetTests {
    struct Net {
        let test: TestDevnet
        let clock: ManualClock
        let validator: Keypair
        var chain: DevnetChain { test.chain }

        /// Produces `count` blocks, one second of beacon time each.
        func step(_ count: Int = 1) async throws {
            for _ in 0..<count {
                clock.advance(1)
                try await chain.produceBlock()
            }
        }

        /// Commits `values` for uids 1, 2 from `signer` (default the validator) to `round`
        /// (default: the round the SDK computes), with `hotkey` in the payload (default the signer's).
        @discardableResult
        func commit(_ values: [UInt16] = [3, 1], signer: Keypair? = nil, hotkey: [UInt8]? = nil, round: UInt64? = nil) async throws -> RevealRound {
            let signer = signer ?? validator
            let reveal = try RevealRound(schedule: try await chain.epochSchedule(netuid: 27), revealPeriodEpochs: 1,
                                         blockTime: try await chain.expectedBlockTime(), beacon: try await chain.timelockBeacon(),
                                         now: clock.now)
            let payload = WeightsTlockPayload(hotkey: hotkey ?? signer.publicKey, uids: [1, 2], values: values, versionKey: 0)
            let r = round ?? reveal.round
            let ciphertext = try DrandTimelockCipher().encrypt(payload.encoded, round: r, publicKey: try await chain.timelockBeacon().publicKey)
            try await chain.commitTimelockedWeights(netuid: 27, mecid: 0, commit: ciphertext, revealRound: r, version: 4, signer: signer)
            return reveal
        }

        func cleanUp() { test.cleanUp() }
    }

    /// Validator uid 0 with stake and (from the epoch at block 6) a permit, miners 1 and 2; head at block 6.
    static func setUp(commitReveal: Bool = true, rateLimit: UInt64 = 2) async throws -> Net {
        var subnet = SubnetParameters.test(tempo: 4, rateLimit: rateLimit)
        subnet.commitRevealEnabled = commitReveal
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("devnet-cr-\(UUID().uuidString)").path
        let clock = ManualClock(1_000)
        var chain = try await DevnetChain.create(path: path, genesis: DevnetGenesis(blockTime: 1, subnets: [subnet], beaconGenesis: 1_000,
                                                                                     beaconPeriod: 1),
                                                 timelock: .drand)
        chain.now = { clock.now }
        let net = Net(test: TestDevnet(path: path, chain: chain), clock: clock, validator: try testKey(20))
        let coldkey = try testKey(1)
        try await chain.fund(address: coldkey.ss58Address, rao: 10 * tao)
        try await net.step()
        for hotkey in [net.validator, try testKey(21), try testKey(22)] {
            try await chain.burnedRegister(netuid: 27, hotkey: hotkey.ss58Address, coldkey: coldkey)
        }
        try await chain.addStake(hotkey: net.validator.ss58Address, rao: 100 * tao)
        try await net.step(5)
        return net
    }

    @Test func beaconIsCreatedAtInitWithAPrivateSecretAndPublishedInStatus() async throws {
        let net = try await Self.setUp()
        defer { net.cleanUp() }
        let mode = try FileManager.default.attributesOfItem(atPath: DevnetBeacon.secretFile(in: net.test.path))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let status = try await net.chain.status()
        let beacon = try #require(status.beacon)
        #expect(beacon.genesis == 1_000 && beacon.period == 1)
        // The published key is the stored secret's public key (a real BLS12-381 G2 point).
        #expect(beacon.publicKey == (try BeaconSecretKey(bytes: try DevnetBeacon.secretKey(path: net.test.path)).publicKey))
        #expect(beacon.publicKey.count == 96)
        #expect(try await net.chain.timelockBeacon() == beacon)
        // One round a second since genesis 1000: at t = 1006 round 7 is the newest.
        #expect(status.lastStoredRound == 7)
        #expect(status.subnets[0].parameters.commitRevealEnabled)
    }

    @Test func commitIsRevealedAfterItsRoundAndPaysIncentiveAtTheNextEpoch() async throws {
        let net = try await Self.setUp()
        defer { net.cleanUp() }
        let chain = net.chain
        #expect(try await chain.metagraph(netuid: 27).neurons[0].validatorPermit)
        #expect(try await chain.currentBlock() == 6)
        let reveal = try await net.commit([3, 1])
        #expect(reveal.revealBlock == 11)   // the first block of the next epoch after the commit's
        #expect(try await chain.pendingCommits(netuid: 27).count == 1)
        #expect(try await chain.blocksSinceLastUpdate(netuid: 27, uid: 0) == 0)   // a commit counts as an update

        // Nothing is revealed before the reveal epoch, nor before the round is published.
        var revealedAt: UInt64?
        for _ in 0..<9 {
            try await net.step()
            let block = try await chain.currentBlock()
            let weights = try await chain.status().subnets[0].weights["0"]
            if weights != nil && revealedAt == nil { revealedAt = block }
            if revealedAt == nil {
                let published = try await chain.lastStoredRound()
                #expect(block < reveal.revealBlock || published < reveal.round, "block \(block)")
            }
        }
        let at = try #require(revealedAt)
        #expect(at >= reveal.revealBlock && at <= reveal.revealBlock + 4)
        #expect(try await chain.pendingCommits(netuid: 27).isEmpty)
        let weights = try #require(try await chain.status().subnets[0].weights["0"])
        #expect(weights["1"] == 1 && abs((weights["2"] ?? 0) - 1.0 / 3) < 1e-4)

        // The epoch at block 16 uses the revealed weights.
        let graph = try await chain.metagraph(netuid: 27)
        #expect(try await chain.currentBlock() == 15)
        #expect(graph.neurons[1].incentive == 0)
        try await net.step()
        let after = try await chain.metagraph(netuid: 27)
        #expect(abs(after.neurons[1].incentive - 0.75) < 1e-4)
        #expect(abs(after.neurons[2].incentive - 0.25) < 1e-4)
    }

    @Test func aPayloadForAnotherHotkeyIsNotApplied() async throws {
        let net = try await Self.setUp()
        defer { net.cleanUp() }
        try await net.commit(hotkey: try testKey(22).publicKey)
        try await net.step(9)
        #expect(try await net.chain.status().subnets[0].weights.isEmpty)
        #expect(try await net.chain.pendingCommits(netuid: 27).isEmpty)
        let log = try await net.chain.events(after: 0).map(\.text)
        #expect(log.contains { $0.contains("not applied") })
    }

    @Test func commitsNeverRevealedExpire() async throws {
        let net = try await Self.setUp()
        defer { net.cleanUp() }
        // A round far beyond the reveal epoch: never published in time.
        try await net.commit(round: 1_000_000)
        try await net.step(11)   // block 17: epoch index past commit epoch + 1
        #expect(try await net.chain.pendingCommits(netuid: 27).isEmpty)
        #expect(try await net.chain.status().subnets[0].weights.isEmpty)
    }

    @Test func refusalsCarryThePalletErrorNames() async throws {
        let net = try await Self.setUp(rateLimit: 0)
        defer { net.cleanUp() }
        let chain = net.chain, v = net.validator
        func commit(_ bytes: [UInt8] = [1, 2, 3], round: UInt64 = 1_000, version: UInt16 = 4, mecid: UInt8 = 0,
                    signer: Keypair? = nil) async -> String? {
            await moduleError {
                try await chain.commitTimelockedWeights(netuid: 27, mecid: mecid, commit: bytes, revealRound: round, version: version,
                                                        signer: signer ?? v)
            }
        }
        // Plain set_weights under commit-reveal.
        #expect(await moduleError { try await chain.setWeights(netuid: 27, uids: [1, 2], weights: [1, 1], versionKey: 0, signer: v) }
                == "CommitRevealEnabled")
        // Over the BoundedVec<u8, 5000>: the node cannot decode the call.
        let tooLarge = await commit([UInt8](repeating: 7, count: 5001))
        #expect(tooLarge?.contains("1002") == true && tooLarge?.contains("5000") == true)
        #expect(await commit([UInt8](repeating: 7, count: 5000)) == nil)
        // A round older than the newest published one (7 at block 6).
        #expect(try await chain.lastStoredRound() == 7)
        #expect(await commit(round: 6) == "InvalidRevealRound")
        #expect(await commit(round: 7) == nil)
        #expect(await commit(version: 3) == "IncorrectCommitRevealVersion")
        #expect(await commit(mecid: 1) == "MechanismDoesNotExist")
        #expect(await commit(signer: try testKey(99)) == "HotKeyNotRegisteredInSubNet")
        // Ten unrevealed commits per hotkey and epoch; the eleventh is refused.
        for _ in 0..<8 { #expect(await commit() == nil) }
        #expect(try await chain.pendingCommits(netuid: 27).count == 10)
        #expect(await commit() == "TooManyUnrevealedCommits")
        // Another hotkey has its own ten.
        #expect(await commit(signer: try testKey(21)) == nil)
    }

    @Test func commitsFollowTheWeightsRateLimit() async throws {
        let net = try await Self.setUp(rateLimit: 2)
        defer { net.cleanUp() }
        try await net.commit()
        #expect(await moduleError { try await net.commit() } == "CommittingWeightsTooFast")
        try await net.step(2)
        #expect(await moduleError { try await net.commit() } == nil)
    }

    @Test func commitWhenCommitRevealIsOffIsRefused() async throws {
        let net = try await Self.setUp(commitReveal: false)
        defer { net.cleanUp() }
        #expect(await moduleError { try await net.commit() } == "CommitRevealDisabled")
        // set_weights works as before.
        #expect(await moduleError {
            try await net.chain.setWeights(netuid: 27, uids: [1, 2], weights: [1, 1], versionKey: 0, signer: net.validator)
        } == nil)
    }

    @Test func scheduleIsTheModuloEpochsInTheStatefulModel() async throws {
        let net = try await Self.setUp()
        defer { net.cleanUp() }
        let s = try await net.chain.epochSchedule(netuid: 27)
        #expect(s.currentBlock == 6 && s.lastEpochBlock == 6 && s.tempo == 5)
        #expect(try s.firstRevealBlock(revealPeriodEpochs: 1) == 11)
        #expect(try await net.chain.expectedBlockTime() == 1)
    }
}
