import Bittensor
import BittensorDevnet
import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import Testing

/// `compute-subnet register` (the real binary) allocates a real Docker container on a Swift miner,
/// the printed credentials log in over SSH, the validator's database records it, and `register d`
/// ends it. Needs dockerd (scripts/test starts it) and the SSH image (built once per machine).
@Suite(.serialized) struct RegisterAllocationTests {
    static var packageRoot: URL { TestRepository.root }
    static var binary: String { TestRepository.binary.path }

    static func run(_ executable: String, _ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run(executable, arguments)
    }

    static func freePort() -> Int { Int.random(in: 30000...39000) }

    @Test func registerAllocatesASwiftMinersMachineAndEndsIt() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build the binary first (swift build)")
        let ensure = try Self.run("/bin/bash", ["-c", "cd '\(Self.packageRoot.path)' && source scripts/lib/setup.sh && ensure_dockerd"])
        try #require(ensure.status == 0, "dockerd is needed: \(ensure.stderr)")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("register-e2e-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let devnet = dir + "/devnet", wallets = dir + "/wallets", db = dir + "/validator.sqlite"
        let chain = try await DevnetChain.create(path: devnet, genesis: DevnetGenesis(subnets: [SubnetParameters(netuid: 27)]))
        let validator = try Wallet(path: wallets, name: "validator", hotkey: "default")
            .regenerateHotkey(from: .uri("//Bob"))
        let minerKey = try Keypair(miniSecret: [UInt8](repeating: 11, count: 32))
        try await DockerMinerFixture.register(on: chain, validator: validator.ss58Address, miner: minerKey.ss58Address)
        let config = DockerMinerFixture.minerConfiguration(dir: dir, containerPrefix: "sn27-test", sshPort: Self.freePort())
        let miner = try await Miner(configuration: config, hotkey: minerKey, chain: chain, logger: quietLogger).start()

        // The validator stored this miner's specs in a specs round.
        let store = try ValidatorStore(path: db)
        try await store.storeSpecs(hotkey: minerKey.ss58Address, json: """
            {"cpu": {"count": 2, "frequency": 3000.0}, "gpu": {}, "hard_disk": {"total": 100000000000, "free": 50000000000, "used": 1},
             "ram": {"total": 8000000000, "available": 4000000000, "used": 1, "free": 1}, "has_docker": true}
            """, at: Date())

        let common = ["--netuid", "27", "--subtensor.network", "devnet", "--devnet.path", devnet, "--wallet.path", wallets,
                      "--wallet.name", "validator", "--wallet.hotkey", "default", "--db.path", db]
        // Nothing meets an impossible request: a clear error, nothing stored.
        let none = try Self.run(Self.binary, ["register", "a"] + common + ["--cpu-count", "64", "--days", "1", "--json"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("no miner can take this request"))
        #expect(try await store.allocations().isEmpty)

        let a = try Self.run(Self.binary, ["register", "a"] + common + ["--cpu-count", "1", "--ram-gb", "0.5", "--days", "1", "--json"])
        try #require(a.status == 0, "register a failed: \(a.stderr)")
        let grant = try JSONParser.parse(Array(a.stdout.utf8))
        #expect(grant["hotkey"]?.stringValue == minerKey.ss58Address)
        #expect(grant["username"]?.stringValue == "root")
        #expect(grant["port"]?.intValue == config.sshPort)
        // Root logs in with the key the CLI made and wrote (0600); no password exists.
        let identity = try #require(grant["identity_file"]?.stringValue)
        #expect(grant["ssh"]?.stringValue == "ssh -i \(identity) root@127.0.0.1 -p \(config.sshPort)")
        #expect(grant["password"]?.stringValue == "")
        let mode = try FileManager.default.attributesOfItem(atPath: identity)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        let ssh = try Self.run("/usr/bin/ssh", ["-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "PasswordAuthentication=no", "-i", identity,
            "-p", "\(config.sshPort)", "root@127.0.0.1", "echo inside; cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes"])
        #expect(ssh.status == 0, "ssh failed: \(ssh.stderr)")
        #expect(ssh.stdout.contains("inside"))
        #expect(ssh.stdout.contains(String(Int(0.5 * 1024 * 1024 * 1024))))

        // Recorded without any secret; a second allocation of the same miner is refused.
        let stored = try #require(try await store.allocation(hotkey: minerKey.ss58Address))
        #expect(stored.storedPassword == nil && stored.publicKeyPEM != nil)
        #expect(!(stored.details ?? "").contains("PRIVATE KEY"))
        let list = try Self.run(Self.binary, ["register", "list_a"] + common + ["--json"])
        #expect(list.status == 0 && list.stdout.contains(minerKey.ss58Address))
        let again = try Self.run(Self.binary, ["register", "a_hotkey"] + common + ["--hotkey", minerKey.ss58Address, "--days", "1"])
        #expect(again.status != 0)

        let d = try Self.run(Self.binary, ["register", "d"] + common + ["--hotkey", minerKey.ss58Address, "--json"])
        #expect(d.status == 0, "register d failed: \(d.stderr)")
        #expect(d.stdout.contains("\"confirmed_by_miner\":true"))
        #expect(await miner.allocation.currentLease() == nil)
        #expect(try await store.allocations().isEmpty)
        await miner.axon.stop()
    }
}
