import Bittensor
import BittensorDevnet
import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import Testing

/// The real Python SDK's dendrite (`peer_dendrite.py`, bittensor 10.5) as a validator against
/// the Swift miner: Specs, a Challenge solved in time, and Allocate answers.
@Suite(.serialized) struct MinerPythonInteropTests {
    /// //Alice's mini secret: the Python dendrite signs with it; we register its hotkey as a validator.
    static let aliceSeed = "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"

    static var python: String { TestRepository.interopPython }

    static var interopDirectory: String { TestRepository.interopDirectory.path }

    /// Runs `peer_dendrite.py` and returns its JSON result.
    static func pythonDendrite(port: Int, axonHotkey: String, synapse: String, fields: [String], timeout: Double) throws -> JSON {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [interopDirectory + "/peer_dendrite.py", "--port", "\(port)", "--axon-hotkey", axonHotkey,
                             "--seed", aliceSeed, "--synapse", synapse, "--timeout", "\(timeout)"]
            + fields.flatMap { ["--field", $0] }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "peer_dendrite.py exited \(process.terminationStatus)")
        return try JSONParser.parse(Array(data))
    }

    @Test func pythonValidatorGetsSpecsChallengeAndAllocateAnswers() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("miner-py-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let chain = try await DevnetChain.create(path: path + "/devnet", genesis: DevnetGenesis(subnets: [SubnetParameters(netuid: 27)]))
        let alice = try Keypair(uri: "//Alice")
        let miner = try Keypair(miniSecret: [UInt8](repeating: 7, count: 32))
        _ = try await chain.register(netuid: 27, hotkey: miner.ss58Address, coldkey: alice.ss58Address)
        _ = try await chain.register(netuid: 27, hotkey: alice.ss58Address, coldkey: alice.ss58Address)
        try await chain.addStake(hotkey: alice.ss58Address, rao: 2000 * 1_000_000_000)

        var config = MinerConfiguration()
        config.axon = AxonConfiguration(host: "127.0.0.1", port: 0)
        config.pow.backend = .native
        config.containerName = "sn27-test-\(UUID().uuidString.prefix(8))"
        config.dataPath = path + "/miner"
        config.sshPort = 24445
        let running = try await Miner(configuration: config, hotkey: miner, chain: chain, logger: quietLogger).start()

        let specs = try Self.pythonDendrite(port: running.port, axonHotkey: miner.ss58Address, synapse: "Specs", fields: [], timeout: 60)
        #expect(specs["status_code"]?.intValue == 200)
        let specsText = try #require(specs["deserialized"]?.stringValue)
        #expect(try JSONParser.parse(Array(specsText.utf8))["cpu"]?["count"]?.intValue ?? 0 >= 1)

        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 5)
        let c = issued.challenge
        let challenge = try Self.pythonDendrite(
            port: running.port, axonHotkey: miner.ss58Address, synapse: "Challenge",
            fields: ["challenge_hash=\(c.hash)", "challenge_salt=\(c.salt)", "challenge_mode=610",
                     "challenge_chars=\(c.chars)", "challenge_mask=\(c.mask)", "challenge_difficulty=\(c.difficulty)"],
            timeout: 30)
        #expect(challenge["status_code"]?.intValue == 200)
        #expect(challenge["deserialized"]?["password"]?.stringValue == issued.password)

        let allocate = try Self.pythonDendrite(
            port: running.port, axonHotkey: miner.ss58Address, synapse: "Allocate",
            fields: ["checking=true", "timeline=1"], timeout: 30)
        #expect(allocate["status_code"]?.intValue == 200)
        #expect(allocate["deserialized"]?["port"]?.intValue == 24445)
        #expect(allocate["deserialized"]?["status"]?.boolValue != nil)

        await running.axon.stop()
    }
}
