import Bittensor
@testable import BittensorDevnet
import Foundation
import Testing

@Suite struct RegistrationTests {
    @Test func burnedRegistrationAppendsUidsAndBurnsTheCost() async throws {
        let net = try await TestDevnet.make(.test())
        defer { net.cleanUp() }
        let chain = net.chain
        let coldkey = try testKey(1), a = try testKey(10), b = try testKey(11)
        try await chain.fund(address: coldkey.ss58Address, rao: 10 * tao)

        try await chain.burnedRegister(netuid: 27, hotkey: a.ss58Address, coldkey: coldkey)
        try await chain.burnedRegister(netuid: 27, hotkey: b.ss58Address, coldkey: coldkey)
        let graph = try await chain.metagraph(netuid: 27)
        #expect(graph.neurons.map(\.uid) == [0, 1])
        #expect(graph.neuron(hotkey: b.ss58Address)?.coldkey == coldkey.ss58Address)
        #expect(try await chain.isRegistered(hotkey: a.ss58Address, netuid: 27))
        #expect(try await chain.balance(of: coldkey.ss58Address) == 8 * tao)

        // Twice, or without the money: refused, nothing changes.
        #expect(await moduleError { try await chain.burnedRegister(netuid: 27, hotkey: a.ss58Address, coldkey: coldkey) }
                == "HotKeyAlreadyRegisteredInSubNet")
        let poor = try testKey(2)
        #expect(await moduleError { try await chain.burnedRegister(netuid: 27, hotkey: try testKey(12).ss58Address, coldkey: poor) }
                == "NotEnoughBalanceToStake")
        #expect(await moduleError { try await chain.burnedRegister(netuid: 99, hotkey: try testKey(12).ss58Address, coldkey: coldkey) }
                == "SubNetworkDoesNotExist")
        // Another coldkey cannot register a hotkey it does not own.
        try await chain.fund(address: poor.ss58Address, rao: 5 * tao)
        try await chain.createSubnet(SubnetParameters(netuid: 3))
        #expect(await moduleError { try await chain.burnedRegister(netuid: 3, hotkey: a.ss58Address, coldkey: poor) }
                == "NonAssociatedColdKey")
        #expect(try await chain.balance(of: poor.ss58Address) == 5 * tao)
        #expect(try await chain.metagraph(netuid: 27).neurons.count == 2)
    }

    @Test func fullSubnetReplacesTheLowestPruningScoreOnlyAfterImmunity() async throws {
        // Two uids, immunity 3 blocks, epochs at blocks 1, 4, 7, … (tempo 2 on netuid 27).
        let net = try await TestDevnet.make(.test(tempo: 2, maxUids: 2, immunity: 3))
        defer { net.cleanUp() }
        let chain = net.chain
        let coldkey = try testKey(1), a = try testKey(10), b = try testKey(11), c = try testKey(12)
        try await chain.fund(address: coldkey.ss58Address, rao: 10 * tao)
        try await chain.burnedRegister(netuid: 27, hotkey: a.ss58Address, coldkey: coldkey)
        try await chain.burnedRegister(netuid: 27, hotkey: b.ss58Address, coldkey: coldkey)
        try await chain.addStake(hotkey: a.ss58Address, rao: 100 * tao)

        // Full and everyone immune: no uid available, no burn.
        #expect(await moduleError { try await chain.burnedRegister(netuid: 27, hotkey: c.ss58Address, coldkey: coldkey) }
                == "NoNeuronIdAvailable")
        #expect(try await chain.balance(of: coldkey.ss58Address) == 8 * tao)

        // Epochs give A (all the stake) the emission, so B has the lowest pruning score.
        try await chain.advance(blocks: 4)
        let before = try await chain.metagraph(netuid: 27)
        #expect(before.neurons[0].pruningScore == 1)
        #expect(before.neurons[1].pruningScore == 0)
        #expect(try await chain.stake(of: a.ss58Address) > 100 * tao)

        try await chain.burnedRegister(netuid: 27, hotkey: c.ss58Address, coldkey: coldkey)
        let after = try await chain.metagraph(netuid: 27)
        #expect(after.neurons.map(\.hotkey) == [a.ss58Address, c.ss58Address])
        #expect(after.neurons[1].lastUpdate == 4 && after.neurons[1].pruningScore == 0)
        #expect(try await chain.isRegistered(hotkey: b.ss58Address, netuid: 27) == false)
        #expect(try await chain.balance(of: coldkey.ss58Address) == 7 * tao)
    }

    @Test func serveAxonPublishesTheEndpoint() async throws {
        let net = try await TestDevnet.make(.test())
        defer { net.cleanUp() }
        let coldkey = try testKey(1), hotkey = try testKey(10)
        try await net.chain.fund(address: coldkey.ss58Address, rao: 2 * tao)
        let axon = AxonInfo(version: 1, ip: "127.0.0.1", port: 8091)
        #expect(await moduleError { try await net.chain.serveAxon(netuid: 27, axon: axon, signer: hotkey) }
                == "HotKeyNotRegisteredInNetwork")
        try await net.chain.burnedRegister(netuid: 27, hotkey: hotkey.ss58Address, coldkey: coldkey)
        #expect(await moduleError { try await net.chain.serveAxon(netuid: 27, axon: AxonInfo(ip: "1.2.3", port: 1), signer: hotkey) }
                == "InvalidIpAddress")
        try await net.chain.serveAxon(netuid: 27, axon: axon, signer: hotkey)
        let served = try await net.chain.metagraph(netuid: 27).neurons[0].axon
        #expect(served.ip == "127.0.0.1" && served.port == 8091 && served.isServing)
    }

    @Test func badAddressesAndVerifyOnlyKeysAreRefused() async throws {
        let net = try await TestDevnet.make(.test())
        defer { net.cleanUp() }
        await #expect(throws: DevnetError.self) { try await net.chain.fund(address: "5Grwva-not-an-address", rao: 1) }
        let coldkey = try testKey(1)
        let publicOnly = try Keypair(publicKey: coldkey.publicKey)
        await #expect(throws: DevnetError.signerWithoutSecret(coldkey.ss58Address)) {
            try await net.chain.burnedRegister(netuid: 27, hotkey: try testKey(10).ss58Address, coldkey: publicOnly)
        }
        await #expect(throws: DevnetError.alreadyInitialised(path: net.path)) {
            _ = try await DevnetChain.create(path: net.path, genesis: DevnetGenesis())
        }
        #expect(throws: DevnetError.notInitialised(path: net.path + "-missing")) {
            _ = try DevnetChain(path: net.path + "-missing")
        }
        // Genesis endowed the dev accounts.
        #expect(try await net.chain.balance(of: try Keypair(uri: "//Alice").ss58Address) == 1_000_000 * tao)
    }
}

@Suite struct WeightsTests {
    /// Validator uid 0 (staked), miners 1 and 2, registered at block 1 on a subnet with rate
    /// limit 5, version key 100, min allowed weights 2; epochs at blocks 1, 4, 7, …
    static func setUp() async throws -> (TestDevnet, validator: Keypair, miner: Keypair) {
        let net = try await TestDevnet.make(.test(tempo: 2, rateLimit: 5, versionKey: 100, minAllowedWeights: 2))
        let chain = net.chain
        let coldkey = try testKey(1), v = try testKey(20)
        try await chain.fund(address: coldkey.ss58Address, rao: 10 * tao)
        try await chain.advance(blocks: 1)
        for hotkey in [v, try testKey(21), try testKey(22)] {
            try await chain.burnedRegister(netuid: 27, hotkey: hotkey.ss58Address, coldkey: coldkey)
        }
        try await chain.addStake(hotkey: v.ss58Address, rao: 100 * tao)
        return (net, v, try testKey(21))
    }

    @Test func setWeightsChecksRateLimitVersionKeyAndShapesWithTheChainsErrorNames() async throws {
        let (net, v, miner) = try await Self.setUp()
        defer { net.cleanUp() }
        let chain = net.chain
        func set(_ uids: [UInt16], _ weights: [Double], version: UInt64 = 100, signer: Keypair? = nil) async -> String? {
            await moduleError { try await chain.setWeights(netuid: 27, uids: uids, weights: weights, versionKey: version, signer: signer ?? v) }
        }
        // Registration counts as an update: 0 blocks later is too fast.
        #expect(await set([1, 2], [1, 1]) == "SettingWeightsTooFast")
        try await chain.advance(blocks: 5)   // block 6; the epoch at 4 granted v its permit
        #expect(try await chain.metagraph(netuid: 27).neurons[0].validatorPermit)

        #expect(await set([1, 2], [1, 1], version: 99) == "IncorrectWeightVersionKey")
        #expect(await set([1, 2], [1, 1], signer: miner) == "NeuronNoValidatorPermit")
        #expect(await set([1, 2], [1, 1], signer: try testKey(99)) == "HotKeyNotRegisteredInSubNet")
        #expect(await set([1, 1], [1, 1]) == "DuplicateUids")
        #expect(await set([1, 9], [1, 1]) == "UidVecContainInvalidOne")
        #expect(await set([1], [1]) == "WeightVecLengthIsLow")
        #expect(await set([1, 2], [1]) == "WeightVecNotEqualSize")
        #expect(await set([0, 1, 2, 0], [1, 1, 1, 1]) == "UidsLengthExceedUidsInSubNet")
        // None of the refusals counted as an update.
        #expect(try await chain.blocksSinceLastUpdate(netuid: 27, uid: 0) == 5)

        #expect(await set([1, 2], [0.75, 0.25]) == nil)
        #expect(try await chain.blocksSinceLastUpdate(netuid: 27, uid: 0) == 0)
        #expect(await set([1, 2], [0.75, 0.25]) == "SettingWeightsTooFast")
        // Stored max-upscaled, as the pallet does: 0.75 → 65535, 0.25 → 21845.
        let weights = try await chain.status().subnets[0].weights["0"]
        #expect(weights?["1"] == 1)
        #expect(abs((weights?["2"] ?? 0) - 1.0 / 3) < 1e-4)
        // A miner may always set a self-weight (no permit needed).
        #expect(await set([1], [1], signer: miner) == nil)
    }

    @Test func epochPaysIncentiveToMinersAndDividendsToValidatorsInHalves() async throws {
        let (net, v, _) = try await Self.setUp()
        defer { net.cleanUp() }
        let chain = net.chain
        try await chain.advance(blocks: 5)   // block 6
        try await chain.setWeights(netuid: 27, uids: [1, 2], weights: [0.75, 0.25], versionKey: 100, signer: v)
        let stakeBefore = try await chain.stake(of: v.ss58Address)
        let reports = try await chain.advance(blocks: 1)   // block 7: epoch over blocks 4…7 = 3 TAO
        let epoch = try #require(reports.first?.epochs.first)
        #expect(epoch.emitted >= 3 * tao - 3 && epoch.emitted <= 3 * tao)
        #expect(epoch.toMiners == 1_500_000_000 && epoch.toValidators == 1_500_000_000)

        let graph = try await chain.metagraph(netuid: 27)
        #expect(abs(graph.neurons[1].incentive - 0.75) < 1e-4)
        #expect(abs(graph.neurons[2].incentive - 0.25) < 1e-4)
        #expect(graph.neurons[0].dividends == 1 && graph.neurons[0].validatorTrust == 1)
        // One validator: consensus is its own (row-normalised) weight, nothing is clipped.
        #expect(abs(graph.neurons[1].consensus - 0.75) < 1e-4 && graph.neurons[1].trust == 1)
        #expect(graph.neurons[1].stake == 1_125_000_000)      // ¾ of the miners' 1.5 TAO
        #expect(graph.neurons[1].emission == 1_125_000_000)
        #expect(graph.neurons[0].stake == stakeBefore + 1_500_000_000)
        #expect(graph.block == 7)
    }
}

@Suite(.serialized) struct SharedStateTests {
    /// Two independent `DevnetChain`s (separate connection pools, as two processes would have)
    /// register and produce blocks on one devnet at the same time: nothing is lost or doubled.
    @Test func twoChainInstancesWriteAtOnce() async throws {
        let net = try await TestDevnet.make(.test())
        defer { net.cleanUp() }
        let coldkey = try testKey(1)
        try await net.chain.fund(address: coldkey.ss58Address, rao: 100 * tao)
        let first = try DevnetChain(path: net.path), second = try DevnetChain(path: net.path)
        let hotkeys = try (0..<30).map { try testKey(UInt8(100 + $0)).ss58Address }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, hotkey) in hotkeys.enumerated() {
                let chain = i.isMultiple(of: 2) ? first : second
                group.addTask { try await chain.register(netuid: 27, hotkey: hotkey, coldkey: coldkey.ss58Address) }
            }
            for _ in 0..<10 { group.addTask { try await second.produceBlock() } }
            try await group.waitForAll()
        }
        let graph = try await net.chain.metagraph(netuid: 27)
        #expect(graph.neurons.map(\.uid) == (0..<30).map(UInt16.init))
        #expect(Set(graph.neurons.map(\.hotkey)) == Set(hotkeys))
        #expect(try await first.balance(of: coldkey.ss58Address) == 70 * tao)
        #expect(try await second.currentBlock() == 10)
    }

    @Test func onlyOneProducerAtATime() async throws {
        let net = try await TestDevnet.make(.test())
        defer { net.cleanUp() }
        var lock: ProducerLock? = try ProducerLock(path: net.path)
        #expect(throws: DevnetError.producerRunning(path: net.path)) { _ = try ProducerLock(path: net.path) }
        withExtendedLifetime(lock) {}
        lock = nil
        #expect(throws: Never.self) { _ = try ProducerLock(path: net.path) }
    }

    @Test func serviceProducesBlocksOnTheClockAndRunsEpochs() async throws {
        let net = try await TestDevnet.make(.test(tempo: 2), blockTime: 0.05)
        defer { net.cleanUp() }
        let seen = Seen()
        let service = try await DevnetService(chain: net.chain, logger: .init(label: "test")) { report, _ in
            seen.add(report)
        }
        let task = Task { try await service.run() }
        // Wait for five blocks with a generous deadline (the machine may be busy): no timing assertion.
        let deadline = ContinuousClock.now + .seconds(30)
        while seen.blocks.count < 5 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        _ = await task.result
        let block = try await net.chain.currentBlock()
        try #require(block >= 5)
        #expect(seen.blocks == Array(1...block))
        #expect(seen.epochBlocks.contains(4))
        // Stopped: the chain is halted and another producer may start.
        try await Task.sleep(for: .milliseconds(150))
        #expect(try await net.chain.currentBlock() == block)
        #expect(throws: Never.self) { _ = try ProducerLock(path: net.path) }
    }
}

/// Collects block reports from the service's callback.
final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [BlockReport] = []
    func add(_ report: BlockReport) { lock.withLock { reports.append(report) } }
    var blocks: [UInt64] { lock.withLock { reports.map(\.block) } }
    var epochBlocks: [UInt64] { lock.withLock { reports.filter { !$0.epochs.isEmpty }.map(\.block) } }
}
