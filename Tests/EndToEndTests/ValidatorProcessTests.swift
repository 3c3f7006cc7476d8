import Bittensor
import BittensorDevnet
@testable import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import GRDB
import Testing

/// The `compute-subnet validator` process against a devnet folder, with a Python miner
/// (`peer_axon.py`, the real SDK axon) and in-process Swift miners: weights land on chain,
/// SIGKILL mid-run loses no committed round and duplicates nothing, SIGTERM stops cleanly.
@Suite(.serialized) struct ValidatorProcessTests {
    static var binary: String { TestRepository.binary.path }
    static var python: String { TestRepository.interopPython }
    static var interopDir: String { TestRepository.interopDirectory.path }
    static let pythonMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"

    /// A child process with its output in a file.
    final class Child: @unchecked Sendable {
        let process = Process()
        let log: String
        init(_ executable: String, _ arguments: [String], log: String) throws {
            self.log = log
            FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
        }
        var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        func signal(_ sig: Int32) { if process.isRunning { kill(process.processIdentifier, sig) } }
        func waitForExit(seconds: Double) async -> Int32? {
            let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
            while process.isRunning && ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
            return process.isRunning ? nil : process.terminationStatus
        }
        /// Waits until the output contains `text`; returns the matching line.
        func waitFor(_ text: String, seconds: Double) async -> String? {
            let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
            while ContinuousClock.now < deadline {
                if let line = output.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
                try? await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }
    }

    @Test func validatorProcessWeightsHonestSwiftAndPythonMinersAndSurvivesSIGKILL() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the binary first (swift build)")
        try #require(FileManager.default.isExecutableFile(atPath: Self.python), "the interop venv is missing")
        var net = try await ValidatorTestNet.make(tempo: 4, rateLimit: 4)
        let honest = try await net.addMiner(.honest, seed: 10)
        let wrong = try await net.addMiner(.wrong, seed: 11)
        let cleanup = net
        defer { Task { await cleanup.cleanUp() } }
        let dir = net.path + "-files"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // The Python miner on its own loopback address, registered and served on the devnet.
        let miner = try Child(Self.python, [Self.interopDir + "/peer_axon.py", "--port", "0", "--host", "127.0.0.9",
                                            "--mnemonic", Self.pythonMnemonic], log: dir + "/python-miner.log")
        defer { miner.signal(SIGKILL) }
        let ready = try #require(await miner.waitFor("READY", seconds: 60), "peer_axon.py did not start: \(miner.output)")
        let parts = ready.split(separator: " ")
        let pythonHotkey = String(parts[1]), pythonPort = try #require(UInt16(parts[2]))
        try await net.chain.register(netuid: ValidatorTestNet.netuid, hotkey: pythonHotkey, coldkey: net.coldkey.ss58Address)
        try await net.chain.serveAxon(netuid: ValidatorTestNet.netuid, hotkey: pythonHotkey,
                                      axon: AxonInfo(version: 150, ip: "127.0.0.9", port: pythonPort))
        let pythonUid = try requireUid(try await net.chain.metagraph(netuid: ValidatorTestNet.netuid).neuron(hotkey: pythonHotkey))

        // The validator's wallet (its hotkey only) in btcli format.
        let wallet = Wallet(path: dir + "/wallets", name: "validator", hotkey: "default")
        _ = try wallet.regenerateHotkey(from: .seed([UInt8](repeating: 2, count: 32)))
        let db = dir + "/validator.sqlite"
        let arguments = ["validator", "--wallet.path", dir + "/wallets", "--wallet.name", "validator", "--wallet.hotkey", "default",
                         "--subtensor.network", "devnet", "--devnet.path", net.path, "--netuid", "27", "--db.path", db,
                         "--metrics.port", "0", "--metrics.host", "127.0.0.1",
                         "--validator.challenge.interval", "2-3", "--validator.specs.interval", "20",
                         "--validator.challenge.timeout", "5", "--validator.specs.timeout", "5",
                         "--validator.difficulty.min", "3", "--validator.difficulty.max", "4",
                         "--validator.poll.interval", "0.1"]
        let blocks = net.produceBlocks(every: 0.2)
        defer { blocks.cancel() }

        var validator = try Child(Self.binary, arguments, log: dir + "/validator-1.log")
        defer { validator.signal(SIGKILL) }
        // Weights land on chain: the honest Swift miner and the Python miner, not the wrong one.
        var row: [String: Double] = [:]
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            let status = try await net.chain.status()
            row = status.subnets.first?.weights[String(net.validatorUid)] ?? [:]
            if row[String(honest.uid)] != nil && row[String(pythonUid)] != nil { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect((row[String(honest.uid)] ?? 0) > 0, "validator log: \(validator.output.suffix(2000))")
        #expect((row[String(pythonUid)] ?? 0) > 0)
        #expect(row[String(wrong.uid)] == nil)
        // The specs round stored the Python miner's hardware. Its round waits for the slowest
        // miner of the batch (up to its 5 s timeout), so it may finish after the weights landed.
        var specs = try await ValidatorStore(path: db).specs(hotkey: pythonHotkey)
        let specsDeadline = ContinuousClock.now + .seconds(30)
        while specs.flatMap(SpecsService.hardware) == nil && ContinuousClock.now < specsDeadline {
            try await Task.sleep(for: .milliseconds(200))
            specs = try await ValidatorStore(path: db).specs(hotkey: pythonHotkey)
        }
        #expect(specs.flatMap(SpecsService.hardware)?.gpu.devices.first?.name.contains("H100") == true, "\(String(describing: specs))")

        // SIGKILL (mid-round or between rounds), then restart on the same database.
        validator.signal(SIGKILL)
        _ = await validator.waitForExit(seconds: 10)
        let store = try ValidatorStore(path: db)
        let before = try await store.challengeCount()
        #expect(before >= 3)
        validator = try Child(Self.binary, arguments, log: dir + "/validator-2.log")
        let more = ContinuousClock.now + .seconds(60)
        while try await store.challengeCount() < before + 6, ContinuousClock.now < more {
            try await Task.sleep(for: .milliseconds(200))
        }
        // Every stored round is complete (3 miners), none twice; nothing committed was lost.
        let rounds = try await Self.roundSizes(store)
        #expect(try await store.challengeCount() >= before + 6)
        #expect(rounds.values.allSatisfy { $0 == 3 }, "\(rounds)")
        #expect(rounds.values.reduce(0, +) == (try await store.challengeCount()))

        print("validator process test: \(rounds.count) rounds, \(before) rows before SIGKILL, weights \(row)")
        // SIGTERM: a graceful stop with status 0.
        validator.signal(SIGTERM)
        #expect(await validator.waitForExit(seconds: 15) == 0, "\(validator.output.suffix(1000))")
    }

    /// Rows per round id.
    static func roundSizes(_ store: ValidatorStore) async throws -> [String: Int] {
        try await store.read { db in
            var sizes: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT round_id, COUNT(*) AS n FROM challenge_result GROUP BY round_id") {
                sizes[row["round_id"]] = row["n"]
            }
            return sizes
        }
    }
}
