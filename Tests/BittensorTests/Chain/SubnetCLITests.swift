import Bittensor
import Foundation
import Testing

/// `compute-subnet subnet metagraph|register` run as a process against the loopback fixture chain.
@Suite(.serialized) struct SubnetCLITests {
    static var binary: URL { ChainFixtures.packageRoot.appendingPathComponent(".build/debug/compute-subnet") }

    /// Runs the CLI with `arguments`; returns (status, stdout, stderr).
    func run(_ arguments: [String]) async throws -> (Int32, String, String) {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the package first (swift build --build-tests)")
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "BT_SUBTENSOR_CHAIN_ENDPOINT")
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read on a detached task so a large stdout cannot block the child.
        let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }
        let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }
        let o = await stdout.value, e = await stderr.value
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func withServer(_ body: (FixtureChain, LoopbackRPCServer) async throws -> Void) async throws {
        let chain = try FixtureChain()
        let server = try await LoopbackRPCServer { chain.respond($0, $1) }
        do { try await body(chain, server) } catch { await server.stop(); throw error }
        await server.stop()
    }

    @Test func metagraphPrintsJSON() async throws {
        try await withServer { _, server in
            let (status, out, err) = try await run(["subnet", "metagraph", "--netuid", "1", "--json", "--subtensor.chain_endpoint", server.url.absoluteString])
            #expect(status == 0, "\(err)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            #expect(object["block"] as? Int == Int(FixtureChain.head))
            #expect(object["netuid"] as? Int == 1)
            let neurons = try #require(object["neurons"] as? [[String: Any]])
            #expect(neurons.count == 1024)
            let n = neurons[395]
            #expect(n["uid"] as? Int == 395)
            #expect(n["hotkey"] as? String == "5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh")
            #expect(n["coldkey"] as? String == "5HCFWvRqzSHWRPecN7q8J6c7aKQnrCZTMHstPv39xL1wgDHh")
            #expect(n["stake"] == nil)  // no field may call alpha "stake" in TAO
            #expect(n["alpha_stake"] as? Double == 10_615.937441846)
            #expect(n["tao_stake"] as? Double == 0)
            #expect(n["stake_weight"] as? Double == 10_615.937441846)
            let taoWeight = try #require(object["tao_weight"] as? Double)
            #expect(abs(taoWeight - 971_718_665_099_567_868.0 / 18_446_744_073_709_551_615.0) < 1e-12)
            #expect(n["incentive"] as? Double == 1.0)
            #expect(n["trust"] as? Double == 1.0)
            #expect(n["emission"] as? Double == 41.000228794)
            #expect(n["validator_permit"] as? Bool == true)
            let axon = try #require(neurons[0]["axon"] as? [String: Any])
            #expect(axon["ip"] as? String == "192.222.59.109")
            #expect(axon["port"] as? Int == 6028)
            #expect(axon["version"] as? Int == 9_011_001)
        }
    }

    @Test func metagraphPrintsATable() async throws {
        try await withServer { _, server in
            let (status, out, err) = try await run(["subnet", "metagraph", "--netuid", "1", "--subtensor.chain_endpoint", server.url.absoluteString])
            #expect(status == 0, "\(err)")
            let lines = out.split(separator: "\n")
            #expect(lines.count == 2 + 1024)
            #expect(lines.first?.hasPrefix("Metagraph: netuid 1, block \(FixtureChain.head), 1024 neurons") == true)
            #expect(lines[1].contains("UID") && lines[1].contains("HOTKEY") && lines[1].contains("AXON") && lines[1].contains("VERSION"))
            for column in ["ALPHA(α)", "TAO(τ)", "STAKE_WEIGHT(α)", "PERMIT"] { #expect(lines[1].contains(column), "\(column)") }
            #expect(!lines[1].contains("STAKE(τ)"))
            #expect(lines.first?.contains("tao_weight 0.0527") == true)
            // uid 395: 10 615.9374 alpha, no TAO, a permit.
            let top = lines[2 + 395].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(top[0] == "395" && top[2] == "10615.9374" && top[3] == "0.0000" && top[4] == "10615.9374" && top[5] == "yes")
            #expect(lines[2].contains("5DkMmXtWf16RNdusZGCrJ7ca7ADPgRnZLVWCWbgA7s7sy1AQ") && lines[2].contains("192.222.59.109:6028"))
        }
    }

    @Test func registerBurnsWithTheColdkey() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("subnet-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wallet = Wallet(path: dir.path, name: "w", hotkey: "h")
        let coldkey = try wallet.regenerateColdkey(from: .uri("//Alice"), password: nil)
        let hotkey = try wallet.regenerateHotkey(from: .mnemonic("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"))
        try await withServer { chain, server in
            let (status, out, err) = try await run(["subnet", "register", "--netuid", "1", "--subtensor.chain_endpoint", server.url.absoluteString,
                                                    "--wallet.path", dir.path, "--wallet.name", "w", "--wallet.hotkey", "h"])
            #expect(status == 0, "\(err)")
            #expect(out.contains("registered hotkey \(hotkey.ss58Address) on subnet 1"))
            let submitted = chain.state.withLock { $0.submitted }
            try #require(submitted.count == 1)
            #expect(Array(submitted[0][4..<36]) == coldkey.publicKey)
            #expect(Array(submitted[0].suffix(36)) == [7, 7, 1, 0] + hotkey.publicKey)
        }
    }

    @Test func badEndpointsFailCleanly() async throws {
        let (status, _, err) = try await run(["subnet", "metagraph", "--netuid", "1", "--subtensor.chain_endpoint", "http://127.0.0.1:1"])
        #expect(status != 0)
        #expect(err.contains("ws://"))
        let (status2, _, err2) = try await run(["subnet", "metagraph", "--netuid", "1", "--subtensor.network", "nowhere"])
        #expect(status2 != 0)
        #expect(err2.contains("unknown network"))
    }
}
