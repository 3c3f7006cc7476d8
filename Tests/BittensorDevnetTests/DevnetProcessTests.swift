import Bittensor
@testable import BittensorDevnet
import Foundation
import Testing

/// The built `compute-subnet` (`swift build --build-tests` builds it with the tests).
let computeSubnetBinary: String = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/compute-subnet").path
}()

/// Separate OS processes on one devnet: the CLI writing while this process writes, and the
/// `devnet start` producer stopped by SIGTERM.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: computeSubnetBinary)))
struct DevnetProcessTests {
    /// Runs `compute-subnet` with `arguments`, output to a temporary file.
    static func launch(_ arguments: [String]) throws -> (Process, URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("devnet-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: computeSubnetBinary)
        process.arguments = arguments
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return (process, output)
    }

    static func finish(_ process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    @Test func cliProcessesAndThisProcessWriteAtOnce() async throws {
        let net = try await TestDevnet.make(.test())
        defer { net.cleanUp() }
        let coldkey = try testKey(1), funded = try testKey(2).ss58Address
        try await net.chain.fund(address: coldkey.ss58Address, rao: 20 * tao)
        var processes = try (0..<6).map { _ in
            try Self.launch(["devnet", "fund", "--devnet.path", net.path, "--ss58", funded, "--tao", "1.5"])
        }
        processes.append(try Self.launch(["devnet", "advance", "--devnet.path", net.path, "--blocks", "20"]))
        for i in 0..<10 {
            try await net.chain.register(netuid: 27, hotkey: try testKey(UInt8(50 + i)).ss58Address, coldkey: coldkey.ss58Address)
        }
        for (process, output) in processes {
            await Self.finish(process)
            #expect(process.terminationStatus == 0, "\(String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self))")
            try? FileManager.default.removeItem(at: output)
        }
        #expect(try await net.chain.balance(of: funded) == 9 * tao)
        #expect(try await net.chain.balance(of: coldkey.ss58Address) == 10 * tao)
        #expect(try await net.chain.metagraph(netuid: 27).neurons.count == 10)
        #expect(try await net.chain.currentBlock() == 20)
    }

    @Test func startProducesBlocksUntilSIGTERMAndHoldsTheProducerLock() async throws {
        let net = try await TestDevnet.make(.test(tempo: 2), blockTime: 0.1)
        defer { net.cleanUp() }
        let (process, output) = try Self.launch(["devnet", "start", "--devnet.path", net.path])
        defer { try? FileManager.default.removeItem(at: output) }
        let deadline = ContinuousClock.now + .seconds(20)
        while try await net.chain.currentBlock() < 5, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try await net.chain.currentBlock() >= 5)
        // A second producer is refused while the first runs.
        let (second, secondOutput) = try Self.launch(["devnet", "advance", "--devnet.path", net.path])
        await Self.finish(second)
        #expect(second.terminationStatus != 0)
        #expect(String(decoding: try Data(contentsOf: secondOutput), as: UTF8.self).contains("already producing blocks"))
        try? FileManager.default.removeItem(at: secondOutput)

        process.terminate()   // SIGTERM
        await Self.finish(process)
        #expect(process.terminationStatus == 0)
        let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        #expect(text.contains("block 4\n"))
        #expect(text.contains("devnet stopped at block"))
        let stoppedAt = try await net.chain.currentBlock()
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await net.chain.currentBlock() == stoppedAt)
    }
}
