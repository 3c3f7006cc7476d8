import AsyncHTTPClient
import Bittensor
import BittensorDevnet
import ComputeSubnet
import ComputeSubnetAPI
import ComputeSubnetTestSupport
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// A renter allocates a Swift miner's real Docker container through the API with their own SSH
/// key, logs in with it, and ends the allocation through the API; another key can neither see
/// nor end it. Needs dockerd (scripts/test starts it) and the SSH image (built once per machine).
@Suite(.serialized) struct RenterAPIDockerTests {
    @Test func aRenterAllocatesLogsInWithTheirKeyAndEndsItThroughTheAPI() async throws {
        let root = TestRepository.root.path
        let ensure = try CommandRunner.run("/bin/bash", ["-c", "cd '\(root)' && source scripts/lib/setup.sh && ensure_dockerd"])
        try #require(ensure.status == 0, "dockerd is needed: \(ensure.stderr)")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("renter-api-docker-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let chain = try await DevnetChain.create(path: dir + "/devnet", genesis: DevnetGenesis(subnets: [SubnetParameters(netuid: 27)]))
        let validator = try Keypair(uri: "//Bob")
        let minerKey = try Keypair(miniSecret: [UInt8](repeating: 12, count: 32))
        try await DockerMinerFixture.register(on: chain, validator: validator.ss58Address, miner: minerKey.ss58Address)
        let config = DockerMinerFixture.minerConfiguration(dir: dir, containerPrefix: "sn27-api-test",
                                                           sshPort: Int.random(in: 30000...39000))
        let miner = try await Miner(configuration: config, hotkey: minerKey, chain: chain, logger: quietLogger).start()

        let store = try ValidatorStore(path: dir + "/validator.sqlite")
        let renter = try await store.createAPIKey(name: "renter").token, other = try await store.createAPIKey(name: "other").token
        let dendrite = Dendrite(keypair: validator)
        let client = AllocationClient(chain: chain, dendrite: dendrite, store: store, netuid: 27, logger: quietLogger)
        let environment = APIEnvironment(store: store, state: ValidatorState(hotkey: validator.ss58Address, netuid: 27),
                                         metrics: ValidatorMetrics(), allocator: WalletAllocator(client: client), logger: quietLogger)
        let server = RenterAPIServer(configuration: .init(port: 0), environment: environment)
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        let url = "http://127.0.0.1:\(try await server.waitUntilRunning())"

        // The renter's own key pair; only its public half is sent.
        let loginKey = OpenSSHKey()
        let identity = dir + "/renter.key"
        #expect(FileManager.default.createFile(atPath: identity, contents: Data(loginKey.privateKeyFile().utf8),
                                               attributes: [.posixPermissions: 0o600]))
        let body = #"{"hotkey":"\#(minerKey.ss58Address)","ssh_public_key":"\#(loginKey.publicKeyLine(comment: "renter@laptop"))","hours":2}"#
        let (status, created) = try await Self.call(url + "/v1/allocations", .POST, token: renter, body: body, timeout: 180)
        try #require(status == 201, "allocation failed: \(status) \(created)")
        let allocation = try #require(created["allocation"] as? [String: Any])
        let id = try #require(allocation["id"] as? String)
        #expect(allocation["port"] as? Int == config.sshPort && allocation["user"] as? String == "root")
        #expect(created["private_key"] == nil || created["private_key"] is NSNull, "the renter's own key was installed")

        let host = allocation["host"] as? String ?? ""
        let ssh = try CommandRunner.run("/usr/bin/ssh", ["-o", "StrictHostKeyChecking=no", "-o", "BatchMode=yes",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "PasswordAuthentication=no", "-i", identity,
            "-p", "\(config.sshPort)", "root@\(host)", "echo inside"])
        #expect(ssh.status == 0 && ssh.stdout.contains("inside"), "ssh failed: \(ssh.stderr)")

        // Another key: not found, and nothing ends.
        #expect(try await Self.call(url + "/v1/allocations/\(id)", .DELETE, token: other).0 == 404)
        #expect(await miner.allocation.currentLease() != nil)

        let (ended, endedBody) = try await Self.call(url + "/v1/allocations/\(id)", .DELETE, token: renter, timeout: 90)
        #expect(ended == 200 && endedBody["state"] as? String == "ended", "\(ended) \(endedBody)")
        #expect(await miner.allocation.currentLease() == nil)
        #expect(try await store.allocations().isEmpty)
        await miner.axon.stop()
        try? await dendrite.shutdown()
    }

    static func call(_ url: String, _ method: HTTPMethod, token: String, body: String? = nil,
                     timeout: Int64 = 30) async throws -> (Int, [String: Any]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:])
    }
}
