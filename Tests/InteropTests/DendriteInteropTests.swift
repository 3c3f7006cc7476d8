import Bittensor
import ComputeSubnet
import Foundation
import Testing

/// The Swift dendrite against the real Python axon (bittensor 10.5.0, `peer_axon.py`).
@Suite(.serialized) struct DendriteInteropTests {
    /// peer_axon.py allowing only Alice; searches up to 1e12 candidates (the 408 case).
    static func startPeer() throws -> WirePeer.Server {
        try WirePeer.Server(arguments: ["--port", "0", "--mnemonic", WirePeer.minerMnemonic,
                                        "--allow", WirePeer.alice.ss58Address, "--max-keyspace", "1e12"])
    }

    /// A solvable SN27 challenge: blake2b-512(password + salt) over a 10-character charset.
    static func challenge(password: String, chars: String = "q7W!a#Z2:9", salt: String = "3f9c2a1b0d4e5f60") -> Challenge {
        let digest = Blake2b.hash(Array((password + salt).utf8))
        return Challenge(hash: "$BLAKE2$" + Hex.encode(digest), salt: salt, mode: "610", chars: chars,
                         mask: String(repeating: "?1", count: password.count), difficulty: password.count)
    }

    @Test func allThreeSynapsesAnswer200WithContent() async throws {
        let peer = try Self.startPeer()
        defer { peer.stop() }
        let dendrite = Dendrite(keypair: WirePeer.alice)
        defer { Task { try? await dendrite.shutdown() } }

        let specs = await dendrite.call(axon: peer.endpoint, synapse: Specs(), timeout: 10)
        #expect(specs.dendrite.statusCode == 200)
        #expect(specs.dendrite.statusMessage == "Success")
        #expect(specs.axon.statusCode == 200)
        #expect(specs.deserialized.contains("NVIDIA H100 80GB HBM3"))

        let solved = await dendrite.call(axon: peer.endpoint, synapse: Self.challenge(password: "a:Z9"), timeout: 10)
        #expect(solved.dendrite.statusCode == 200)
        #expect(solved.output["password"] == "a:Z9")
        #expect(solved.output["error"] == JSON.null)
        #expect(solved.output.keys == ["password", "local_execution_time", "error"])
        #expect(solved.challengeDifficulty == 4)

        var allocate = Allocate()
        allocate.checking = true
        allocate.deviceRequirement = ["cpu": ["count": 1], "gpu": [:], "hard_disk": ["capacity": 1_000_000], "ram": ["capacity": 1_000]]
        let checked = await dendrite.call(axon: peer.endpoint, synapse: allocate, timeout: 10)
        #expect(checked.dendrite.statusCode == 200)
        #expect(checked.output == ["status": true, "port": 4444])
        #expect(checked.deviceRequirement == allocate.deviceRequirement)
        allocate.checking = false
        let released = await dendrite.call(axon: peer.endpoint, synapse: allocate, timeout: 10)
        #expect(released.output == ["status": false, "port": 4444])
    }

    @Test func callerNotAllowedIs403() async throws {
        let peer = try Self.startPeer()
        defer { peer.stop() }
        let dendrite = Dendrite(keypair: WirePeer.bob)
        defer { Task { try? await dendrite.shutdown() } }
        let answer = await dendrite.call(axon: peer.endpoint, synapse: Specs(), timeout: 10)
        #expect(answer.dendrite.statusCode == 403)
        #expect(answer.dendrite.statusMessage == "Forbidden. Key is blacklisted: hotkey \(WirePeer.bob.ss58Address) not in allow list.")
    }

    @Test func signedForAnotherHotkeyReplayedAndTamperedAre401() async throws {
        let peer = try Self.startPeer()
        defer { peer.stop() }
        let dendrite = Dendrite(keypair: WirePeer.alice)
        defer { Task { try? await dendrite.shutdown() } }
        var elsewhere = peer.endpoint
        elsewhere.hotkey = WirePeer.bob.ss58Address
        let wrong = await dendrite.call(axon: elsewhere, synapse: Specs(), timeout: 10)
        #expect(wrong.dendrite.statusCode == 401)
        #expect(wrong.dendrite.statusMessage?.hasPrefix("Not Verified with error: Signature mismatch") == true)

        var synapse = Specs()
        let prepared = try dendrite.prepare(&synapse, for: peer.endpoint, timeout: 10)
        let request = WireRaw.request(name: "Specs", port: peer.port, headers: prepared.headers, body: prepared.body)
        #expect(await WireRaw.exchange(port: peer.port, request).status == 200)
        let replay = await WireRaw.exchange(port: peer.port, request)
        #expect(replay.status == 401)
        #expect(replay.body.contains("Nonce is too old"))

        var fresh = Specs()
        var tamperedRequest = try dendrite.prepare(&fresh, for: peer.endpoint, timeout: 10)
        let i = try #require(tamperedRequest.headers.firstIndex { $0.name == "bt_header_dendrite_signature" })
        var signature = Array(tamperedRequest.headers[i].value)
        signature[7] = signature[7] == "f" ? "e" : "f"
        tamperedRequest.headers[i].value = String(signature)
        let tampered = await WireRaw.exchange(port: peer.port, WireRaw.request(name: "Specs", port: peer.port,
                                                                              headers: tamperedRequest.headers, body: tamperedRequest.body))
        #expect(tampered.status == 401)
        #expect(tampered.body.contains("Signature mismatch"))
    }

    @Test func unknownSynapseIs404() async throws {
        struct Nope: Synapse {
            var base = SynapseBase()
            init() {}
            static let fields: [SynapseField<Nope>] = []
        }
        let peer = try Self.startPeer()
        defer { peer.stop() }
        let dendrite = Dendrite(keypair: WirePeer.alice)
        defer { Task { try? await dendrite.shutdown() } }
        let answer = await dendrite.call(axon: peer.endpoint, synapse: Nope(), timeout: 10)
        #expect(answer.dendrite.statusCode == 404)
        #expect(answer.dendrite.statusMessage?.hasPrefix("Synapse name 'Nope' not found.") == true)
    }

    @Test func forwardSlowerThanTheTimeoutIs408() async throws {
        let peer = try Self.startPeer()
        defer { peer.stop() }
        let dendrite = Dendrite(keypair: WirePeer.alice)
        defer { Task { try? await dendrite.shutdown() } }
        // 10^8 candidates at ≈3 M/s: far longer than the 1 s timeout.
        let hard = Self.challenge(password: "99999999", chars: "0123456789")
        let started = ContinuousClock.now
        let answer = await dendrite.call(axon: peer.endpoint, synapse: hard, timeout: 1)
        #expect(answer.dendrite.statusCode == 408)
        #expect(answer.dendrite.statusMessage == "Request timeout after 1.0 seconds")
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func connectErrorIs503() async throws {
        let dendrite = Dendrite(keypair: WirePeer.alice)
        defer { Task { try? await dendrite.shutdown() } }
        let answer = await dendrite.call(axon: AxonEndpoint(ip: "127.0.0.1", port: 1, hotkey: WirePeer.miner.ss58Address),
                                         synapse: Specs(), timeout: 2)
        #expect(answer.dendrite.statusCode == 503)
        #expect(answer.dendrite.statusMessage == "Service unavailable at 127.0.0.1:1/Specs")
    }
}
