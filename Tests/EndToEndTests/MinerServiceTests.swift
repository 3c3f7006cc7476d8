import Bittensor
import BittensorDevnet
import ComputeSubnet
import Foundation
import Logging
import Testing

/// Tests log only errors.
let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .error
    return logger
}()

/// A Swift miner on a real axon and a real devnet, called by real dendrites.
@Suite(.serialized) struct MinerServiceTests {
    static let tao: UInt64 = 1_000_000_000

    /// A devnet with a miner, a validator (2000 TAO), a low-stake validator (10 TAO), a
    /// blacklisted validator (5000 TAO) and a started miner.
    struct Net {
        let path: String
        let chain: DevnetChain
        let miner: Keypair, validator: Keypair, lowStake: Keypair, blacklisted: Keypair, stranger: Keypair
        let running: Miner.Running
        let dendrite: Dendrite

        var endpoint: AxonEndpoint { AxonEndpoint(ip: "127.0.0.1", port: running.port, hotkey: miner.ss58Address) }

        func stop() async {
            await running.axon.stop()
            try? await dendrite.shutdown()
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    static func key(_ seed: UInt8) throws -> Keypair { try Keypair(miniSecret: [UInt8](repeating: seed, count: 32)) }

    static func start(backend: SolverBackend = .native, policy: (Keypair, Keypair, Keypair) -> CallerPolicy = { _, _, b in
        CallerPolicy(blacklistedHotkeys: [b.ss58Address])
    }) async throws -> Net {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("miner-e2e-\(UUID().uuidString)").path
        var subnet = SubnetParameters(netuid: 27)
        subnet.tempo = 1000
        let chain = try await DevnetChain.create(path: path + "/devnet", genesis: DevnetGenesis(subnets: [subnet]))
        let coldkey = try Keypair(uri: "//Alice")
        let miner = try key(1), validator = try key(2), lowStake = try key(3), blacklisted = try key(4), stranger = try key(5)
        for (hotkey, stake) in [(miner, 0), (validator, 2000), (lowStake, 10), (blacklisted, 5000)] as [(Keypair, UInt64)] {
            _ = try await chain.register(netuid: 27, hotkey: hotkey.ss58Address, coldkey: coldkey.ss58Address)
            if stake > 0 { try await chain.addStake(hotkey: hotkey.ss58Address, rao: stake * tao) }
        }
        var config = MinerConfiguration()
        config.axon = AxonConfiguration(host: "127.0.0.1", port: 0)
        config.pow.backend = backend
        config.pow.threads = 1
        config.containerName = "sn27-test-\(UUID().uuidString.prefix(8))"
        config.dataPath = path + "/miner"
        config.sshPort = 24444
        config.callers = policy(validator, lowStake, blacklisted)
        let running = try await Miner(configuration: config, hotkey: miner, chain: chain, logger: quietLogger).start()
        return Net(path: path, chain: chain, miner: miner, validator: validator, lowStake: lowStake,
                   blacklisted: blacklisted, stranger: stranger, running: running, dendrite: Dendrite(keypair: validator))
    }

    @Test func servesItsAxonOnChainAtStartUp() async throws {
        let net = try await Self.start()
        defer { Task { await net.stop() } }
        let me = try #require(try await net.chain.metagraph(netuid: 27).neuron(hotkey: net.miner.ss58Address))
        #expect(me.axon.ip == "127.0.0.1")
        #expect(Int(me.axon.port) == net.running.port)
        #expect(me.axon.version == UInt32(ComputeSubnetVersion.asInt))
        await net.stop()
    }

    @Test func refusesToStartWhenNotRegistered() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("miner-unreg-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let chain = try await DevnetChain.create(path: path, genesis: DevnetGenesis(subnets: [SubnetParameters(netuid: 27)]))
        var config = MinerConfiguration()
        config.axon = AxonConfiguration(host: "127.0.0.1", port: 0)
        config.pow.backend = .native
        config.containerName = "sn27-test-\(UUID().uuidString.prefix(8))"
        config.dataPath = path + "/miner"
        await #expect(throws: MinerError.self) {
            _ = try await Miner(configuration: config, hotkey: try Self.key(9), chain: chain, logger: quietLogger).start()
        }
    }

    @Test func answersSpecsAndChallengesForAValidator() async throws {
        let net = try await Self.start()
        let specs = await net.dendrite.call(axon: net.endpoint, synapse: Specs(), timeout: 60)
        #expect(specs.dendrite.statusCode == 200)
        let parsed = try JSONParser.parse(Array(specs.specsOutput.utf8))
        #expect(parsed["cpu"]?["count"]?.intValue ?? 0 >= 1)
        #expect(parsed["has_docker"]?.boolValue != nil)

        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 4)
        let c = issued.challenge
        let reply = await net.dendrite.call(
            axon: net.endpoint,
            synapse: Challenge(hash: c.hash, salt: c.salt, chars: c.chars, mask: c.mask, difficulty: c.difficulty), timeout: 30)
        #expect(reply.dendrite.statusCode == 200)
        #expect(reply.output["password"]?.stringValue == issued.password)
        #expect(reply.output["error"]?.isNull == true)
        #expect(ChallengeVerifier().verify(reply.output["password"]?.stringValue, for: c))
        await net.stop()
    }

    @Test func refusesCallersThePolicyRefuses() async throws {
        let net = try await Self.start()
        for caller in [net.stranger, net.lowStake, net.blacklisted] {
            let dendrite = Dendrite(keypair: caller)
            let reply = await dendrite.call(axon: net.endpoint, synapse: Specs(), timeout: 10)
            #expect(reply.dendrite.statusCode == 403, "caller \(caller.ss58Address)")
            #expect(reply.specsOutput.isEmpty)
            try await dendrite.shutdown()
        }
        await net.stop()
    }

    @Test func whitelistedHotkeySkipsOnlyTheStakeCheck() async throws {
        let net = try await Self.start { _, low, black in
            CallerPolicy(blacklistedHotkeys: [black.ss58Address], whitelistedHotkeys: [low.ss58Address, black.ss58Address])
        }
        let low = Dendrite(keypair: net.lowStake)
        #expect(await low.call(axon: net.endpoint, synapse: Specs(), timeout: 30).dendrite.statusCode == 200)
        let black = Dendrite(keypair: net.blacklisted)
        #expect(await black.call(axon: net.endpoint, synapse: Specs(), timeout: 10).dendrite.statusCode == 403)
        try await low.shutdown()
        try await black.shutdown()
        await net.stop()
    }

    @Test func allocateProbeReportsThePort() async throws {
        let net = try await Self.start()
        var probe = Allocate()
        probe.checking = true
        probe.timeline = 0
        probe.publicKey = "not a key"
        let reply = await net.dendrite.call(axon: net.endpoint, synapse: probe, timeout: 30)
        #expect(reply.dendrite.statusCode == 200)
        #expect(reply.output["status"]?.boolValue == false)   // nobody owns a lease
        #expect(reply.output["port"]?.intValue == 24444)
        await net.stop()
    }

    @Test func challengeFloodIsBoundedAndOtherSynapsesStillAnswer() async throws {
        let net = try await Self.start()
        // 40 hard challenges (10^9 keyspace, 3 s budget each): the worker queues 16 and answers the rest "busy" at once.
        let hard = ChallengeGenerator(bounds: 1...12).generate(difficulty: 9).challenge
        let synapse = Challenge(hash: hard.hash, salt: hard.salt, chars: hard.chars, mask: hard.mask, difficulty: 9)
        let endpoints = Array(repeating: net.endpoint, count: 40)
        async let flood = net.dendrite.fanOut(to: endpoints, synapse: synapse, timeout: 3, maxConcurrent: 40)
        try await Task.sleep(for: .milliseconds(300))
        let specs = await net.dendrite.call(axon: net.endpoint, synapse: Specs(), timeout: 30)
        #expect(specs.dendrite.statusCode == 200)
        let replies = await flood
        let busy = replies.filter { ($0.output["error"]?.stringValue ?? "").contains("busy") }
        #expect(!busy.isEmpty)
        #expect(replies.allSatisfy { $0.output["password"]?.stringValue == nil })
        await net.stop()
    }
}
