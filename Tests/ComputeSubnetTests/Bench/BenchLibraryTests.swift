import Bittensor
@testable import ComputeSubnet
@testable import ComputeSubnetBench
import Foundation
import Testing

/// The benchmark machinery behind `compute-subnet bench` and `benchmark`, on real axons, real
/// processes and real pythons.
@Suite struct BenchLibraryTests {
    @Test func axonLoadMeasuresARealAxon() async throws {
        let miner = try Keypair(uri: "//BenchMiner")
        let axon = Axon(keypair: miner, configuration: AxonConfiguration(host: "127.0.0.1", port: 0))
        axon.attach(Specs.self, forward: { synapse, _ in
            var reply = synapse
            reply.specsOutput = AxonLoad.specsText
            return reply
        })
        let port = try await axon.start()
        let dendrites = try (0..<4).map { _ in Dendrite(keypair: try Keypair(uri: "//BenchValidator")) }
        let result = await AxonLoad.run(dendrites: dendrites, endpoint: AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: miner.ss58Address),
                                        seconds: 0.5)
        await axon.stop()
        for dendrite in dendrites { try await dendrite.shutdown() }
        #expect(result.requests > 0)
        #expect(result.errors == 0)
        #expect(result.requests_per_second > 0)
        #expect(result.p50_ms > 0 && result.p50_ms <= result.p99_ms)
    }

    @Test func axonLoadCountsEveryFailureAsAnError() async throws {
        let dendrite = Dendrite(keypair: try Keypair(uri: "//BenchValidator"))
        // Nothing listens on port 1: every call fails at once.
        let result = await AxonLoad.run(dendrites: [dendrite], endpoint: AxonEndpoint(ip: "127.0.0.1", port: 1, hotkey: "5Nobody"),
                                        seconds: 0.2)
        try await dendrite.shutdown()
        #expect(result.requests > 0)
        #expect(result.errors == result.requests)
    }

    @Test func buildSignCostIsAPositiveCPUTime() throws {
        let dendrite = Dendrite(keypair: try Keypair(uri: "//BenchValidator"))
        defer { Task { try? await dendrite.shutdown() } }
        let ms = try AxonLoad.buildSignCost(dendrite: dendrite, hotkey: try Keypair(uri: "//BenchMiner").ss58Address)
        #expect(ms > 0 && ms < 1000)
    }

    @Test func rateMeterCountsCalls() throws {
        var calls = 0
        let rate = try RateMeter.rate(seconds: 0.1) { calls += 1 }
        #expect(calls > 0)
        #expect(rate > 0)
    }

    @Test func processUsageReadsThisProcess() {
        let before = ProcessUsage.selfCPU()
        var x = 0.0
        for i in 0..<2_000_000 { x += Double(i).squareRoot() }
        #expect(x > 0)
        #expect(ProcessUsage.selfCPU() > before)
        #expect((ProcessUsage.residentKiB() ?? 0) > 1024)
        #expect(ProcessUsage.cpu(pid: getpid()) != nil)
        #expect(ProcessUsage.cpu(pid: -5) == nil)
    }

    @Test func staticSubtensorServesItsMetagraphAndRefusesWrites() async throws {
        let graph = Metagraph(block: 7, netuid: 27, neurons: [])
        let chain = StaticSubtensor(graph: graph)
        #expect(try await chain.currentBlock() == 7)
        #expect(try await chain.metagraph(netuid: 27).block == 7)
        await #expect(throws: StaticSubtensor.Unsupported.self) {
            try await chain.setWeights(netuid: 27, uids: [0], weights: [1], versionKey: 0, signer: try Keypair(uri: "//Alice"))
        }
    }

    @Test func benchmarkPlanParsesAndClampsDifficulties() throws {
        #expect(try BenchmarkPlan.parseDifficulties("6, 7 8") == [6, 7, 8])
        #expect(try BenchmarkPlan.parseDifficulties("all") == Array(6...12))
        #expect(throws: BenchmarkInputError.self) { try BenchmarkPlan.parseDifficulties("6,x") }
        var notices: [String] = []
        #expect(BenchmarkPlan.clamp([13, 3, 7, 7], notice: { notices.append($0) }) == [6, 7, 12])
        #expect(notices.count == 2)
    }

    @Test func benchmarkRunnerSolvesAndVerifiesWithTheNativeSolver() async throws {
        let plan = BenchmarkPlan(difficulties: [6], count: 2, command: HashcatCommand())
        var progress: [Int] = []
        let results = await BenchmarkRunner(solver: NativeSolver(threads: 1), timeout: 60).run(plan) { done, _ in progress.append(done) }
        #expect(results.count == 1)
        #expect(results[0].attempted == 2)
        #expect(results[0].solved == 2)
        #expect(progress == [0, 1, 2])
    }

    @Test func hashcatBenchmarkOutputIsParsed() {
        let perDevice = """
            Speed.#1.........:  1434.9 kH/s (52.48ms) @ Accel:512 Loops:1 Thr:1 Vec:8
            Speed.#2.........:  2.5 MH/s (12.00ms) @ Accel:512 Loops:1 Thr:1 Vec:8
            """
        #expect(abs((HashcatBenchmark.parse(perDevice) ?? 0) - 3_934_900) < 1)
        #expect(abs((HashcatBenchmark.parse(perDevice + "\nSpeed.#*.........:  3.9 MH/s") ?? 0) - 3_900_000) < 1)
        #expect(HashcatBenchmark.parse("no speed here") == nil)
    }

    @Test func textTableAlignsColumns() {
        var table = TextTable([("name", .left), ("n", .right)])
        table.append(["a", "100"])
        table.append(["long name", "2"])
        #expect(table.render() == "name         n\n---------  ---\na          100\nlong name    2")
    }

    @Test func pythonAnchorDecodesTheLastLineAndTypesItsFailures() async throws {
        struct Answer: Decodable { var x: Int }
        let anchor = PythonAnchor(name: "test", python: "python3")
        let answer = try await anchor.run("print('noise'); import sys; print('{\"x\": %s}' % sys.argv[1])", arguments: ["41"], as: Answer.self)
        #expect(answer.x == 41)
        await #expect {
            _ = try await anchor.run("import sys; sys.exit(3)", arguments: [], as: Answer.self)
        } throws: { error in
            guard let failure = error as? PythonAnchor.Failure, case .failed = failure.reason else { return false }
            return failure.description.contains("interop/setup.sh")
        }
        await #expect {
            _ = try await PythonAnchor(name: "test", python: "/nonexistent/python").run("", arguments: [], as: Answer.self)
        } throws: { error in
            guard let failure = error as? PythonAnchor.Failure, case .cannotRun = failure.reason else { return false }
            return true
        }
        await #expect {
            _ = try await anchor.run("print('not json')", arguments: [], as: Answer.self)
        } throws: { error in
            guard let failure = error as? PythonAnchor.Failure, case .unreadable = failure.reason else { return false }
            return true
        }
    }

    @Test func aMinerFleetAnswersChallenges() async throws {
        let fleet = try await BenchMinerFleet.start(count: 3, slowest: 0)
        let dendrite = Dendrite(keypair: try Keypair(uri: "//BenchValidator"))
        var answered = 0
        for miner in fleet.miners {
            let issued = ChallengeGenerator().generate(difficulty: 6).challenge
            let synapse = Challenge(hash: issued.hash, salt: issued.salt, mode: issued.mode, chars: issued.chars,
                                    mask: issued.mask, difficulty: issued.difficulty)
            let reply = await dendrite.call(axon: AxonEndpoint(ip: miner.ip, port: Int(miner.port), hotkey: miner.hotkey),
                                            synapse: synapse, timeout: 30)
            if reply.isSuccess, ChallengeVerifier().verify(reply.output["password"]?.stringValue, for: issued) { answered += 1 }
        }
        await fleet.stop()
        try await dendrite.shutdown()
        #expect(fleet.miners.count == 3)
        #expect(Set(fleet.miners.map(\.ip)).count == 3)
        #expect(answered == 3)
    }

    /// The forged uploads are refused on their heads (401: the signature is made up) while the
    /// axon keeps answering a signed request.
    @Test func aForgedUploadFloodIsRefusedAndTheAxonStillAnswers() async throws {
        let miner = try Keypair(uri: "//BenchMiner")
        let axon = Axon(keypair: miner, configuration: AxonConfiguration(host: "127.0.0.1", port: 0))
        axon.attach(Specs.self, forward: { synapse, _ in synapse })
        let port = try await axon.start()
        let flood = ForgedUploadFlood(port: port)
        flood.start(connections: 8)
        try await Task.sleep(for: .milliseconds(500))
        let dendrite = Dendrite(keypair: try Keypair(uri: "//BenchValidator"))
        let reply = await dendrite.call(axon: AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: miner.ss58Address),
                                        synapse: Specs(), timeout: 10)
        flood.stop()
        await axon.stop()
        try await dendrite.shutdown()
        #expect(flood.refused > 0)
        #expect(reply.dendrite.statusCode == 200)
    }
}
