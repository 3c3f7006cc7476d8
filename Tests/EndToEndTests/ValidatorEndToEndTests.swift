import _CryptoExtras
import AsyncHTTPClient
import Bittensor
import BittensorDevnet
@testable import ComputeSubnet
import Foundation
import ServiceLifecycle
import Synchronization
import Testing

/// The validator's services against a real devnet and real Swift axons on loopback.
@Suite(.serialized) struct ValidatorServiceTests {
    @Test func honestMinersGetWeightOnChainAndIncentiveWrongAndSlowOnesNothing() async throws {
        var net = try await ValidatorTestNet.make(tempo: 4, rateLimit: 4)
        let honest = try await net.addMiner(.honest, seed: 10)
        let honest2 = try await net.addMiner(.honest, seed: 11)
        let wrong = try await net.addMiner(.wrong, seed: 12)
        let slow = try await net.addMiner(.slow(seconds: 3), seed: 13)
        let cleanup = net
        defer { Task { await cleanup.cleanUp() } }
        let store = try ValidatorStore.temporary()
        try await net.withContext(store: store, configure: { $0.specsInterval = 5 }) { context in
        let validator = Validator(context: context, metricsHost: "127.0.0.1", metricsPort: 0)
        try await validator.preflight()

        let blocks = net.produceBlocks(every: 0.15)
        defer { blocks.cancel() }
        let group = validator.serviceGroup()
        let running = Task { try await group.run() }
        // Wait for two successful weight sets after at least three challenge rounds.
        let deadline = ContinuousClock.now + .seconds(60)
        var weightsBlocks: Set<UInt64> = []
        while ContinuousClock.now < deadline {
            let status = await context.state.status
            if let w = status.lastWeights, w.error == nil, (status.lastChallengeRound.map { $0.block } ?? 0) > 0 {
                weightsBlocks.insert(w.block)
            }
            if weightsBlocks.count >= 2, try await store.challengeCount() >= 12 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(weightsBlocks.count >= 2)

        // The weights on chain: the honest miners share everything.
        let status = try await net.chain.status()
        let row = try #require(status.subnets.first?.weights[String(net.validatorUid)])
        #expect((row[String(honest.uid)] ?? 0) > 0)
        #expect((row[String(honest2.uid)] ?? 0) > 0)
        #expect(row[String(wrong.uid)] == nil)
        #expect(row[String(slow.uid)] == nil)

        // The database saw every kind of answer, and the specs round stored specs.
        let stats = try await store.stats(now: Date())
        #expect(stats[honest.keypair.ss58Address]?.successes ?? 0 >= 3)
        #expect(stats[wrong.keypair.ss58Address]?.successes == 0)
        #expect(stats[slow.keypair.ss58Address]?.successes == 0)
        #expect(stats[slow.keypair.ss58Address]?.averageElapsed == nil)
        let specs = try await store.specs(hotkey: honest.keypair.ss58Address)
        #expect(specs?.json.contains("has_docker") == true)

        // /metrics and /status answer while the validator runs.
        let port = try #require(validator.metricsServer?.port)
        let metrics = try await Self.get("http://127.0.0.1:\(port)/metrics")
        #expect(metrics.contains("sn27_validator_challenge_answers_total{outcome=\"success\"}"))
        #expect(metrics.contains("sn27_validator_challenge_answers_total{outcome=\"wrong\"}"))
        #expect(metrics.contains("sn27_validator_miner_score"))
        #expect(metrics.contains("sn27_validator_weights_set_total"))
        let statusJSON = try await Self.get("http://127.0.0.1:\(port)/status")
        let decoded = try JSONDecoder().decode(ValidatorStatus.self, from: Data(statusJSON.utf8))
        #expect(decoded.uid == net.validatorUid)
        #expect(decoded.miners.first { $0.uid == wrong.uid }?.score == 0)
        #expect((decoded.miners.first { $0.uid == honest.uid }?.score ?? 0) > 0)

        await group.triggerGracefulShutdown()
        try await running.value
        blocks.cancel()

        // Yuma consensus turns the weights into incentive at the next epochs.
        }
        try await net.chain.advance(blocks: 10)
        let graph = try await net.chain.metagraph(netuid: ValidatorTestNet.netuid)
        #expect((graph.neurons.first { $0.uid == honest.uid }?.incentive ?? 0) > 0)
        #expect(graph.neurons.first { $0.uid == wrong.uid }?.incentive == 0)
    }

    @Test func aRoundCancelledMidFlightWritesNothingAndItsReplayNoDuplicates() async throws {
        var net = try await ValidatorTestNet.make()
        _ = try await net.addMiner(.honest, seed: 10)
        _ = try await net.addMiner(.slow(seconds: 1), seed: 11)
        let cleanup = net
        defer { Task { await cleanup.cleanUp() } }
        let store = try ValidatorStore.temporary()
        try await net.withContext(store: store) { context in
        let sync = MetagraphSync(context: context)
        try await sync.sync()
        let service = ChallengeService(context: context)
        let block = try await net.chain.currentBlock()

        // Cancelled while the slow miner is still working: nothing is stored.
        let cut = Task { try await service.runRound(at: block) }
        try await Task.sleep(for: .milliseconds(400))
        cut.cancel()
        await #expect(throws: CancellationError.self) { try await cut.value }
        let id = ChallengeRound.id(validatorHotkey: net.validatorKey.ss58Address, block: block)
        #expect(try await store.results(round: id).isEmpty)

        // The restarted validator replays the round: every miner once.
        let replay = try await service.runRound(at: block)
        #expect(replay.targets == 2 && replay.stored == 2 && replay.successes == 2)
        let again = try await service.runRound(at: block)
        #expect(again.stored == 0)
        #expect(try await store.results(round: id).count == 2)
        #expect(try await store.challengeCount() == 2)
        }
    }

    @Test func weightsAreRetriedAtTheNextAllowedBlockAfterARateLimitRefusal() async throws {
        var net = try await ValidatorTestNet.make(tempo: 3, rateLimit: 6)
        _ = try await net.addMiner(.honest, seed: 10)
        let cleanup = net
        defer { Task { await cleanup.cleanUp() } }
        let store = try ValidatorStore.temporary()
        try await net.withContext(store: store, configure: { $0.weightsInterval = 2 }) { context in
        try await MetagraphSync(context: context).sync()
        _ = try await ChallengeService(context: context).runRound(at: try await net.chain.currentBlock())
        // Registration counts as an update: the first attempt waits out the rate limit.
        try await net.chain.advance(blocks: 6)
        let setter = WeightSetter(context: context)
        var head = try await net.chain.currentBlock()
        #expect(try await setter.attempt(at: head) == head + 2)
        #expect(await context.state.status.lastWeights?.error == nil)
        // Due by our interval (2) but refused by the chain's (6): retried when the chain allows.
        try await net.chain.advance(blocks: 2)
        head = try await net.chain.currentBlock()
        let retry = try await setter.attempt(at: head)
        #expect(retry == head + 4)
        #expect(await context.state.status.lastWeights?.error?.contains("SettingWeightsTooFast") == true)
        try await net.chain.advance(blocks: 4)
        head = try await net.chain.currentBlock()
        #expect(try await setter.attempt(at: head) == head + 2)
        #expect(await context.state.status.lastWeights?.error == nil)
        #expect(await context.state.status.lastWeightsSetBlock == head)
        }
    }

    @Test func anUnregisteredValidatorStopsWithAClearError() async throws {
        let net = try await ValidatorTestNet.make()
        let cleanup = net
        defer { Task { await cleanup.cleanUp() } }
        let stranger = try ValidatorTestNet.key(99)
        var config = ValidatorConfiguration(netuid: ValidatorTestNet.netuid)
        config.pollInterval = 0.05
        let context = ValidatorContext(chain: net.chain, store: try ValidatorStore.temporary(),
                                       dendrite: Dendrite(keypair: stranger), hotkey: stranger, configuration: config)
        defer { let d = context.dendrite; Task { try? await d.shutdown() } }
        let expected = ValidatorError.notRegistered(hotkey: stranger.ss58Address, netuid: ValidatorTestNet.netuid)
        await #expect(throws: expected) { try await Validator(context: context).preflight() }
        // A running group stops with the same error when the sync finds the hotkey gone.
        let group = Validator(context: context).serviceGroup()
        await #expect(throws: expected) { try await group.run() }
        #expect(expected.description.contains("not registered on subnet 27"))
    }

    @Test func withoutHardwareQueriesTheValidatorKeepsRunning() async throws {
        let net = try await ValidatorTestNet.make()
        let cleanup = net
        defer { Task { await cleanup.cleanUp() } }
        let context = try net.context(store: try ValidatorStore.temporary()) { $0.performHardwareQuery = false }
        defer { let d = context.dendrite; Task { try? await d.shutdown() } }
        let validator = Validator(context: context)
        #expect(!validator.services.contains { $0 is SpecsService })
        // A service that returned would end the group at once; it must still run after a while.
        let group = validator.serviceGroup()
        let finished = Mutex(false)
        let run = Task {
            defer { finished.withLock { $0 = true } }
            try await group.run()
        }
        try await Task.sleep(for: .seconds(1))
        #expect(finished.withLock { $0 } == false)
        await group.triggerGracefulShutdown()
        try await run.value
    }

    @Test func onlyLeasesTheMinerStillVerifiesEarnTheAllocationBonus() async throws {
        let ownerKey = try _RSA.Encryption.PrivateKey(keySize: .bits2048).publicKey.pemRepresentation
        let otherKey = try _RSA.Encryption.PrivateKey(keySize: .bits2048).publicKey.pemRepresentation
        var net = try await ValidatorTestNet.make(tempo: 3, rateLimit: 2)
        let rented = try await net.addMiner(.honest, seed: 10, leaseOwnerPEM: ownerKey)
        let gone = try await net.addMiner(.honest, seed: 11, leaseOwnerPEM: nil)   // its container is gone
        let plain = try await net.addMiner(.honest, seed: 12)
        let cleanup = net
        defer { Task { await cleanup.cleanUp() } }
        let store = try ValidatorStore.temporary()
        let now = Date()
        for (miner, key) in [(rented, ownerKey), (gone, otherKey)] {
            try await store.insertAllocation(StoredAllocation(
                hotkey: miner.keypair.ss58Address, uid: miner.uid, ip: miner.ip, port: 4444, username: "root",
                publicKeyFingerprint: try OwnerKey(pem: key).fingerprint, details: Self.details(regkey: key),
                createdAt: now, expiresAt: now.addingTimeInterval(86400)))
        }
        try await net.withContext(store: store) { context in
            try await MetagraphSync(context: context).sync()
            let setter = WeightSetter(context: context)
            let (_, before) = try await setter.computeWeights(metagraph: try await net.chain.metagraph(netuid: 27))
            // Verified before any challenge: the rented miner alone counts as allocated.
            #expect(await context.state.verifiedAllocations == [rented.keypair.ss58Address])
            #expect(before.first { $0.uid == rented.uid }?.score == ScoreFormula().maxChallengeScore)
            // The rented machine is not challenged; the others are.
            let report = try await ChallengeService(context: context).runRound(at: try await net.chain.currentBlock())
            #expect(report.targets == 2 && report.successes == 2)
            let (weights, miners) = try await setter.computeWeights(metagraph: try await net.chain.metagraph(netuid: 27))
            let score = { (uid: UInt16) in miners.first { $0.uid == uid }?.score ?? -1 }
            #expect(score(rented.uid) >= 250)
            #expect(score(gone.uid) > 0 && score(gone.uid) < 250)
            #expect(score(plain.uid) > 0 && score(plain.uid) < 250)
            #expect(weights[Int(rented.uid)] > weights[Int(plain.uid)])
            #expect(miners.first { $0.uid == gone.uid }?.allocated == false)
        }
    }

    static func details(regkey: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: ["regkey": regkey, "resource": "cpu"])
        return String(decoding: data, as: UTF8.self)
    }

    static func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        return String(buffer: body)
    }
}
