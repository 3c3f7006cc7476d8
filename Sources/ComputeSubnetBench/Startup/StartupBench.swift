import Bittensor
import ComputeSubnet
import Foundation

/// Start-up time, launch to first answer: `compute-subnet miner` on a devnet against the Python
/// SDK's axon (`peer_axon.py`), each launched `runs` times and polled with signed `Specs`
/// requests from a staked validator hotkey until one is answered with 200.
///
/// The devnet, wallets and registrations are made once with this binary's own CLI in a scratch
/// folder; every run starts a fresh process, so each figure includes process start, chain
/// reads, Docker checks and the axon bind.
package struct StartupBench {
    /// Why the benchmark could not measure.
    package struct Failure: Error, CustomStringConvertible {
        package let step: String
        package let detail: String
        package var description: String { "start-up benchmark: \(step) failed: \(detail)" }
    }

    package struct Result: Codable, Sendable {
        /// Seconds from launch to the first 200 answer, one per run.
        package var miner: [Double]
        package var python: [Double]
    }

    package let executable: String
    package let python: String
    package let interopFolder: String
    package let scratch: String
    package let runs: Int
    /// How long one launch may take to answer.
    package var deadline: Duration = .seconds(60)

    package init(executable: String, python: String, interopFolder: String, scratch: String, runs: Int) {
        self.executable = executable
        self.python = python
        self.interopFolder = interopFolder
        self.scratch = scratch
        self.runs = runs
    }

    static let netuid = 27
    static let validatorURI = "//sn27-startup-validator"
    static let minerURI = "//sn27-startup-miner"
    static let pythonMnemonic = "legal winner thank year wave sausage worth useful legal winner thank yellow"

    package func run(progress: (String) -> Void = { _ in }) async throws -> Result {
        let devnet = scratch + "/devnet", wallets = scratch + "/wallets"
        progress("preparing a devnet in \(scratch)")
        try await cli(["devnet", "init", "--devnet.path", devnet, "--netuid", "\(Self.netuid)", "--devnet.block-time", "0.5"])
        for (name, uri) in [("validator", Self.validatorURI), ("miner", Self.minerURI)] {
            let wallet = ["--wallet.path", wallets, "--wallet.name", name]
            try await cli(["wallet", "regen-coldkey"] + wallet + ["--uri", uri + "-cold", "--no-password"])
            try await cli(["wallet", "regen-hotkey"] + wallet + ["--wallet.hotkey", "default", "--uri", uri, "--no-password"])
            try await cli(["devnet", "fund", "--devnet.path", devnet, "--ss58", try Keypair(uri: uri + "-cold").ss58Address, "--tao", "10"])
            try await cli(["devnet", "register", "--devnet.path", devnet, "--netuid", "\(Self.netuid)"] + wallet)
        }
        let validator = try Keypair(uri: Self.validatorURI)
        try await cli(["devnet", "stake", "--devnet.path", devnet, "--hotkey", validator.ss58Address, "--tao", "1000"])
        let chain = Child(executable: executable, arguments: ["devnet", "start", "--devnet.path", devnet], log: scratch + "/devnet.log")
        try chain.launch()
        defer { chain.stop() }

        let dendrite = Dendrite(keypair: validator)
        let minerHotkey = try Keypair(uri: Self.minerURI).ss58Address
        var result = Result(miner: [], python: [])
        for run in 1...runs {
            progress("run \(run)/\(runs): compute-subnet miner")
            let port = try Self.freePort()
            let miner = Child(executable: executable, arguments: [
                "miner", "--netuid", "\(Self.netuid)", "--subtensor.network", "devnet", "--devnet.path", devnet,
                "--wallet.path", wallets, "--wallet.name", "miner", "--axon.ip", "127.0.0.1", "--axon.port", "\(port)",
                "--miner.data.path", scratch + "/miner-data", "--miner.validator.min.stake", "100",
            ], log: scratch + "/miner-\(run).log")
            result.miner.append(try await timeToAnswer(miner, AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: minerHotkey), dendrite))

            progress("run \(run)/\(runs): Python SDK axon")
            let pythonPort = try Self.freePort()
            let peer = Child(executable: python, arguments: [
                interopFolder + "/peer_axon.py", "--port", "\(pythonPort)", "--mnemonic", Self.pythonMnemonic,
            ], log: scratch + "/python-\(run).log")
            let pythonHotkey = try Keypair(mnemonic: Self.pythonMnemonic).ss58Address
            result.python.append(try await timeToAnswer(peer, AxonEndpoint(ip: "127.0.0.1", port: pythonPort, hotkey: pythonHotkey), dendrite))
        }
        try? await dendrite.shutdown()
        return result
    }

    /// Launches `child` and polls `endpoint` every 10 ms until a `Specs` request is answered
    /// with 200; stops the child before returning.
    func timeToAnswer(_ child: Child, _ endpoint: AxonEndpoint, _ dendrite: Dendrite) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try child.launch()
        defer { child.stop() }
        while clock.now - start < deadline {
            let answer = await dendrite.call(axon: endpoint, synapse: Specs(), timeout: 2)
            if answer.dendrite.statusCode == 200 {
                let elapsed = start.duration(to: clock.now)
                return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            }
            guard child.isRunning else { throw Failure(step: "\(child.arguments.first ?? child.executable)", detail: "exited before answering; see \(child.log)") }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw Failure(step: "\(child.arguments.first ?? child.executable)", detail: "no answer within \(deadline); see \(child.log)")
    }

    private func cli(_ arguments: [String]) async throws {
        let output = try await Program(executable, arguments, timeout: .seconds(60)).run()
        guard output.succeeded else {
            throw Failure(step: arguments.prefix(2).joined(separator: " "), detail: String(decoding: output.stderr.suffix(2000), as: UTF8.self))
        }
    }

    /// A port nothing listens on now (bound to port 0 by the kernel, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(step: "socket", detail: String(cString: strerror(errno))) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(step: "bind", detail: String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A long-running child whose output goes to a log file (it runs until `stop()`, so not
    /// through `Program`, which runs a program to its end).
    final class Child {
        let executable: String
        let arguments: [String]
        let log: String
        private let process = Process()

        init(executable: String, arguments: [String], log: String) {
            self.executable = executable
            self.arguments = arguments
            self.log = log
        }

        var isRunning: Bool { process.isRunning }

        func launch() throws {
            FileManager.default.createFile(atPath: log, contents: nil, attributes: [.posixPermissions: 0o600])
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try? handle.close()
        }

        /// SIGTERM, then SIGKILL after two seconds.
        func stop() {
            guard process.processIdentifier > 0 else { return }
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            let end = Date().addingTimeInterval(2)
            while process.isRunning && Date() < end { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }
}
