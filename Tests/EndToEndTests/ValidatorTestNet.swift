import Bittensor
import BittensorDevnet
@testable import ComputeSubnet
import Foundation
import Logging

/// A devnet subnet with a staked validator and in-process Swift miners on their own loopback
/// addresses (127.0.0.x, so the one-uid-per-IP rule keeps all of them), for validator tests.
struct ValidatorTestNet: Sendable {
    enum MinerBehaviour: Sendable { case honest, wrong, slow(seconds: Double), silent }

    /// Answers `Allocate(checking: true, timeline: 0)` probes as the miner's allocation service
    /// does: `status: true` only for the public key that owns its lease (by fingerprint).
    static func leaseProbeHandler(ownerPEM: String?) -> @Sendable (Allocate, AxonContext) async throws -> Allocate {
        let owner = ownerPEM.flatMap { try? OwnerKey(pem: $0).fingerprint }
        return { synapse, _ in
            var s = synapse
            let caller = try? OwnerKey(pem: s.publicKey).fingerprint
            let owned = s.checking && s.timeline == 0 && owner != nil && caller == owner
            s.output = ["status": .bool(owned), "port": 4444]
            return s
        }
    }

    struct Miner: Sendable {
        let keypair: Keypair
        let axon: Axon
        let uid: UInt16
        let ip: String
        let port: Int
    }

    static let netuid: UInt16 = 27
    static let tao: UInt64 = 1_000_000_000

    let path: String
    let chain: DevnetChain
    let coldkey: Keypair
    let validatorKey: Keypair
    var validatorUid: UInt16 = 0
    var miners: [Miner] = []

    /// A devnet with subnet 27 (short tempo and rate limit), the validator registered and staked.
    static func make(tempo: UInt16 = 4, rateLimit: UInt64 = 4) async throws -> ValidatorTestNet {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("validator-net-\(UUID().uuidString)").path
        var subnet = SubnetParameters(netuid: netuid)
        subnet.tempo = tempo
        subnet.weightsRateLimit = rateLimit
        subnet.immunityPeriod = 5000
        let chain = try await DevnetChain.create(path: path, genesis: DevnetGenesis(blockTime: 0.1, subnets: [subnet]))
        let coldkey = try key(1)
        let validatorKey = try key(2)
        try await chain.fund(address: coldkey.ss58Address, rao: 10_000 * tao)
        try await chain.burnedRegister(netuid: netuid, hotkey: validatorKey.ss58Address, coldkey: coldkey)
        try await chain.addStake(hotkey: validatorKey.ss58Address, rao: 2_000 * tao)
        // An epoch gives the validator its permit.
        try await chain.advance(blocks: Int(tempo) + 2)
        var net = ValidatorTestNet(path: path, chain: chain, coldkey: coldkey, validatorKey: validatorKey)
        net.validatorUid = try requireUid(await chain.metagraph(netuid: netuid).neuron(hotkey: validatorKey.ss58Address))
        return net
    }

    static func key(_ seed: UInt8) throws -> Keypair { try Keypair(miniSecret: [UInt8](repeating: seed, count: 32)) }

    /// Registers a miner, starts its axon on 127.0.0.`index+2` and serves it on chain.
    mutating func addMiner(_ behaviour: MinerBehaviour, seed: UInt8, leaseOwnerPEM: String? = nil) async throws -> Miner {
        let keypair = try Self.key(seed)
        try await chain.burnedRegister(netuid: Self.netuid, hotkey: keypair.ss58Address, coldkey: coldkey)
        let ip = "127.0.0.\(miners.count + 2)"
        let axon = Axon(keypair: keypair, configuration: AxonConfiguration(host: ip, port: 0),
                        logger: Logger(label: "test.miner"))
        axon.attach(Challenge.self, forward: { synapse, _ in try await Self.answer(synapse, behaviour) })
        axon.attach(Specs.self, forward: { synapse, _ in
            var s = synapse
            s.specsOutput = #"{"cpu": {"count": 2, "frequency": 2000.0}, "gpu": {}, "has_docker": true}"#
            return s
        })
        axon.attach(Allocate.self, forward: Self.leaseProbeHandler(ownerPEM: leaseOwnerPEM))
        let port = try await axon.start()
        try await chain.serveAxon(netuid: Self.netuid, axon: AxonInfo(version: UInt32(ComputeSubnetVersion.asInt), ip: ip, port: UInt16(port)),
                                  signer: keypair)
        let uid = try requireUid(await chain.metagraph(netuid: Self.netuid).neuron(hotkey: keypair.ss58Address))
        let miner = Miner(keypair: keypair, axon: axon, uid: uid, ip: ip, port: port)
        miners.append(miner)
        return miner
    }

    static func answer(_ synapse: Challenge, _ behaviour: MinerBehaviour) async throws -> Challenge {
        var s = synapse
        let challenge = PowChallenge(hash: s.challengeHash, salt: s.challengeSalt, chars: s.challengeChars,
                                     mask: s.challengeMask, mode: s.challengeMode, difficulty: s.challengeDifficulty)
        switch behaviour {
        case .honest:
            let solution = try await NativeSolver(threads: 1).solve(challenge, timeout: 10)
            s.output = ["password": .string(solution.password), "local_execution_time": .double(solution.seconds), "error": .null]
        case .wrong:
            s.output = ["password": .string(String(repeating: "x", count: s.challengeDifficulty)), "local_execution_time": 0.01, "error": .null]
        case let .slow(seconds):
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            let solution = try await NativeSolver(threads: 1).solve(challenge, timeout: 10)
            s.output = ["password": .string(solution.password), "local_execution_time": .double(solution.seconds), "error": .null]
        case .silent:
            s.output = ["password": .null, "local_execution_time": 0, "error": "no"]
        }
        return s
    }

    /// A validator context on this net, with short timeouts and easy difficulties.
    func context(store: ValidatorStore, configure: (inout ValidatorConfiguration) -> Void = { _ in }) throws -> ValidatorContext {
        var config = ValidatorConfiguration(netuid: Self.netuid)
        config.challengeTimeout = 2
        config.specsTimeout = 2
        config.allocationProbeTimeout = 2
        config.pollInterval = 0.05
        config.challengeSchedule = ChallengeSchedule(intervals: 2...3)
        config.specsInterval = 1000
        config.difficulty = try DifficultyController(min: 3, max: 4)
        configure(&config)
        var logger = Logger(label: "test.validator")
        logger.logLevel = .warning
        return ValidatorContext(chain: chain, store: store, dendrite: Dendrite(keypair: validatorKey), hotkey: validatorKey,
                                configuration: config, logger: logger)
    }

    /// Runs `body` with a fresh context; its dendrite is shut down however `body` ends.
    func withContext<T>(store: ValidatorStore, configure: (inout ValidatorConfiguration) -> Void = { _ in },
                        _ body: (ValidatorContext) async throws -> T) async throws -> T {
        let context = try self.context(store: store, configure: configure)
        do {
            let result = try await body(context)
            try await context.dendrite.shutdown()
            return result
        } catch {
            try? await context.dendrite.shutdown()
            throw error
        }
    }

    /// Produces a block every `interval` seconds until the task is cancelled.
    func produceBlocks(every interval: Double) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                _ = try? await chain.produceBlock()
                try? await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
            }
        }
    }

    func cleanUp() async {
        for miner in miners { await miner.axon.stop() }
        try? FileManager.default.removeItem(atPath: path)
    }
}

struct MissingNeuron: Error {}

func requireUid(_ neuron: NeuronInfo?) throws -> UInt16 {
    guard let neuron else { throw MissingNeuron() }
    return neuron.uid
}
