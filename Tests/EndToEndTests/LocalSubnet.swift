import AsyncHTTPClient
import Bittensor
import BittensorDevnet
import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import Logging
import Testing

/// A devnet subnet run as processes for end-to-end tests: `devnet init` (0.5 s blocks, tempo 6,
/// weights every 3 blocks), a staked validator wallet, `devnet start`, and helpers that add
/// miners (CLI processes, in-process axons, the Python SDK's axon) and the validator process.
struct LocalSubnet: Sendable {
    let h: ProcessHarness
    let devnetPath: String
    let walletsPath: String
    let chain: DevnetChain
    let devnet: ProcessHarness.Child
    let validatorHotkey: String

    static let netuid: UInt16 = 27

    static func make(_ h: ProcessHarness) async throws -> LocalSubnet {
        let devnetPath = h.scratch + "/devnet", walletsPath = h.scratch + "/wallets"
        try h.cli(["devnet", "init", "--devnet.path", devnetPath, "--netuid", "\(netuid)", "--devnet.block-time", "0.5",
                   "--tempo", "6", "--immunity-period", "1000", "--weights-rate-limit", "3"])
        let validatorHotkey = try createWallet(h, name: "validator", walletsPath: walletsPath, devnetPath: devnetPath)
        try h.cli(["devnet", "stake", "--devnet.path", devnetPath, "--hotkey", validatorHotkey, "--tao", "1000"])
        let devnet = try h.start("devnet", ["devnet", "start", "--devnet.path", devnetPath])
        _ = try await h.waitForLog(devnet, #"^block (\d+)"#, timeout: 20)
        return LocalSubnet(h: h, devnetPath: devnetPath, walletsPath: walletsPath, chain: try DevnetChain(path: devnetPath),
                           devnet: devnet, validatorHotkey: validatorHotkey)
    }

    /// A wallet from dev URIs (unencrypted), its coldkey funded and its hotkey burned-registered,
    /// all through the CLI. Returns the hotkey.
    static func createWallet(_ h: ProcessHarness, name: String, walletsPath: String, devnetPath: String) throws -> String {
        let wallet = ["--wallet.path", walletsPath, "--wallet.name", name]
        let cold = try JSONSerialization.jsonObject(with: Data(h.cli(
            ["wallet", "regen-coldkey"] + wallet + ["--uri", "//sn27-e2e-\(name)-cold", "--no-password", "--json"]).utf8)) as? [String: Any]
        let hot = try JSONSerialization.jsonObject(with: Data(h.cli(
            ["wallet", "regen-hotkey"] + wallet + ["--wallet.hotkey", "default", "--uri", "//sn27-e2e-\(name)", "--no-password", "--json"]).utf8)) as? [String: Any]
        let coldkey = try #require(cold?["coldkey"] as? String), hotkey = try #require(hot?["hotkey"] as? String)
        try h.cli(["devnet", "fund", "--devnet.path", devnetPath, "--ss58", coldkey, "--tao", "10"])
        try h.cli(["devnet", "register", "--devnet.path", devnetPath, "--netuid", "\(netuid)"] + wallet)
        return hotkey
    }

    struct ProcessMiner { let child: ProcessHarness.Child; let hotkey: String; let ip: String; let port: Int; var sshPort = 0 }

    /// `compute-subnet miner` with its own wallet, bound to `ip` (one uid per IP is queried).
    func startMiner(_ name: String, ip: String) async throws -> ProcessMiner {
        let hotkey = try Self.createWallet(h, name: name, walletsPath: walletsPath, devnetPath: devnetPath)
        let sshPort = Int.random(in: 30000...40000)
        let child = try h.start(name, [
            "miner", "--netuid", "\(Self.netuid)", "--subtensor.network", "devnet", "--devnet.path", devnetPath,
            "--wallet.path", walletsPath, "--wallet.name", name, "--axon.ip", ip, "--axon.port", "0",
            "--ssh.port", "\(sshPort)", "--miner.data.path", h.scratch + "/\(name)",
            "--miner.pow.backend", "native", "--miner.pow.threads", "1", "--miner.validator.min.stake", "100",
        ])
        let served = try await h.waitForLog(child, #"axon serving on ([0-9.]+):(\d+) as (\w+)"#, timeout: 60)
        try #require(served[0] == ip && served[2] == hotkey, "\(name) serves \(served)")
        return ProcessMiner(child: child, hotkey: hotkey, ip: ip, port: Int(served[1]) ?? 0, sshPort: sshPort)
    }

    enum Behaviour: Sendable { case wrong, slow(seconds: Double) }
    struct InProcessMiner { let axon: Axon; let hotkey: String; let inFlight: InFlight }

    /// Challenges a miner has received, and is working on right now.
    final class InFlight: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0, received = 0
        var count: Int { lock.withLock { value } }
        var started: Int { lock.withLock { received } }
        func add(_ delta: Int) { lock.withLock { value += delta; if delta > 0 { received += delta } } }
    }

    /// A Swift `Axon` in the test process that answers challenges wrongly or too late,
    /// registered (coldkey //Alice) and served on the devnet.
    func serveInProcessMiner(_ behaviour: Behaviour, seed: UInt8, ip: String) async throws -> InProcessMiner {
        let keypair = try Keypair(miniSecret: [UInt8](repeating: seed, count: 32))
        _ = try await chain.register(netuid: Self.netuid, hotkey: keypair.ss58Address, coldkey: try Keypair(uri: "//Alice").ss58Address)
        var logger = Logger(label: "test.axon")
        logger.logLevel = .critical
        let axon = Axon(keypair: keypair, configuration: AxonConfiguration(host: ip, port: 0), logger: logger)
        let inFlight = InFlight()
        axon.attach(Challenge.self, forward: { synapse, _ in
            inFlight.add(1)
            defer { inFlight.add(-1) }
            var s = synapse
            switch behaviour {
            case .wrong:
                s.output = ["password": .string(String(repeating: "x", count: s.challengeDifficulty)),
                            "local_execution_time": 0.01, "error": .null]
            case let .slow(seconds):
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                let challenge = PowChallenge(hash: s.challengeHash, salt: s.challengeSalt, chars: s.challengeChars,
                                             mask: s.challengeMask, mode: s.challengeMode, difficulty: s.challengeDifficulty)
                let solution = try await NativeSolver(threads: 1).solve(challenge, timeout: 10)
                s.output = ["password": .string(solution.password), "local_execution_time": .double(solution.seconds), "error": .null]
            }
            return s
        })
        axon.attach(Specs.self, forward: { synapse, _ in
            var s = synapse
            s.specsOutput = #"{"cpu": {"count": 2, "frequency": 2000.0}, "gpu": {}, "has_docker": false}"#
            return s
        })
        let port = try await axon.start()
        try await chain.serveAxon(netuid: Self.netuid, axon: AxonInfo(version: UInt32(ComputeSubnetVersion.asInt), ip: ip, port: UInt16(port)),
                                  signer: keypair)
        return InProcessMiner(axon: axon, hotkey: keypair.ss58Address, inFlight: inFlight)
    }

    struct PythonMiner { let child: ProcessHarness.Child; let hotkey: String }

    /// `peer_axon.py` (the Python SDK's Axon) on `ip`, registered with its mnemonic's hotkey and
    /// served on chain with a signed `serve_axon`.
    func startPythonMiner(ip: String, mnemonic: String = SubnetEndToEndTests.pythonMnemonic) async throws -> PythonMiner {
        let keypair = try Keypair(mnemonic: mnemonic)
        let child = try h.start("python-miner", [ProcessHarness.interopDirectory + "/peer_axon.py", "--port", "0", "--host", ip,
                                                 "--mnemonic", mnemonic], executable: ProcessHarness.python)
        let ready = try await h.waitForLog(child, #"^READY (\w+) (\d+)"#, timeout: 60)
        try #require(ready[0] == keypair.ss58Address)
        _ = try await chain.register(netuid: Self.netuid, hotkey: keypair.ss58Address, coldkey: try Keypair(uri: "//Alice").ss58Address)
        try await chain.serveAxon(netuid: Self.netuid, axon: AxonInfo(version: UInt32(ComputeSubnetVersion.asInt), ip: ip,
                                                                       port: UInt16(ready[1]) ?? 0), signer: keypair)
        return PythonMiner(child: child, hotkey: keypair.ss58Address)
    }

    struct RunningValidator: Sendable {
        let child: ProcessHarness.Child
        let port: Int
        let dbPath: String

        /// The validator's `/status` JSON.
        func status() async throws -> ValidatorStatus {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/status"), timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 1 << 20)
            return try JSONDecoder().decode(ValidatorStatus.self, from: Data(String(buffer: body).utf8))
        }
    }

    /// `compute-subnet validator` with rounds every 3–4 blocks, weights every 3, easy
    /// difficulties and /status on a free port.
    /// - Parameter extraArguments: more validator flags (e.g. `--api.port 0`).
    func startValidator(dbPath: String, name: String = "validator", extraArguments: [String] = []) async throws -> RunningValidator {
        let child = try h.start(name, [
            "validator", "--netuid", "\(Self.netuid)", "--subtensor.network", "devnet", "--devnet.path", devnetPath,
            "--wallet.path", walletsPath, "--wallet.name", "validator", "--db.path", dbPath,
            "--metrics.host", "127.0.0.1", "--metrics.port", "0",
            "--validator.challenge.interval", "3-4", "--validator.specs.interval", "20", "--validator.weights.interval", "3",
            "--validator.challenge.timeout", "\(SubnetEndToEndTests.challengeTimeout)", "--validator.specs.timeout", "5",
            "--validator.difficulty.min", "3", "--validator.difficulty.max", "4", "--validator.poll.interval", "0.2",
        ] + extraArguments)
        let port = try await h.waitForLog(child, #"port=(\d+) \[ComputeSubnet\] metrics listening"#, timeout: 60)
        return RunningValidator(child: child, port: Int(port[0]) ?? 0, dbPath: dbPath)
    }

    /// Hotkey → uid on the subnet now.
    func uids() async throws -> [String: UInt16] {
        Dictionary(try await chain.metagraph(netuid: Self.netuid).neurons.map { ($0.hotkey, $0.uid) }, uniquingKeysWith: { a, _ in a })
    }
}
