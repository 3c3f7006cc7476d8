import Bittensor
import ComputeSubnet
import Foundation
import Testing

/// A staked but hostile validator against a real miner axon on a devnet: paths in Challenge fields
/// (real hashcat, native and auto backends), hostile numbers, and every synapse field of Specs,
/// Challenge and Allocate with hostile values. The miner refuses cleanly, leaks nothing, stays up.
@Suite(.serialized) struct MinerHostileInputTests {
    /// A file holding a random marker; a leak of it anywhere in an answer fails the test.
    static func secretFile() throws -> (path: String, marker: String) {
        let marker = "SN27-SECRET-\(UUID().uuidString)"
        let path = NSTemporaryDirectory() + "/sn27-secret-\(UUID().uuidString).txt"
        try Data((marker + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (path, marker)
    }

    static func jsonString(_ s: String) -> String {
        var w = JSONWriter(style: .compact)
        w.write(.string(s))
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// A legitimate challenge is still answered correctly.
    static func expectServes(_ net: MinerServiceTests.Net, _ note: String = "") async {
        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 3)
        let c = issued.challenge
        let reply = await net.dendrite.call(
            axon: net.endpoint, synapse: Challenge(hash: c.hash, salt: c.salt, chars: c.chars, mask: c.mask, difficulty: c.difficulty),
            timeout: 60)
        #expect(reply.dendrite.statusCode == 200, "\(note)")
        #expect(reply.output["password"]?.stringValue == issued.password, "\(note): \(reply.output)")
    }

    @Test(arguments: [SolverBackend.hashcat, .auto, .native])
    func aPathInAnyChallengeFieldNeverLeaksTheFile(backend: SolverBackend) async throws {
        let (path, marker) = try Self.secretFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let net = try await MinerServiceTests.start(backend: backend)
        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 3).challenge
        let base = Challenge(hash: issued.hash, salt: issued.salt, chars: issued.chars, mask: issued.mask, difficulty: 3)
        let relative = String(repeating: "../", count: 12) + path.drop(while: { $0 == "/" })
        for field in ["challenge_mask", "challenge_chars", "challenge_salt", "challenge_hash"] {
            for value in [path, relative, "-1\(path)", "?1?1 --stdout \(path)"] {
                let answer = try await HostileRequest.send(base, from: net.dendrite, to: net.endpoint, timeout: 20,
                                                           setting: [([field], Self.jsonString(value))])
                #expect(!answer.text.contains(marker), "\(backend) \(field)=\(value) leaked the file: \(answer.text)")
                #expect(answer.status == 200, "\(backend) \(field)")
                let output = answer.body?["output"]
                #expect(output?["password"]?.isNull == true, "\(backend) \(field)")
                // The synapse echoes its own fields (the protocol); the miner's answer never quotes them.
                #expect(output.map { "\($0)".contains(path) } == false, "\(backend) \(field)=\(value): output quotes the path")
                #expect(output?["error"]?.stringValue?.hasPrefix("invalid_input: \(field) ") == true,
                        "\(backend) \(field): \(output.map { "\($0)" } ?? answer.text)")
            }
        }
        await Self.expectServes(net, "\(backend)")
        await net.stop()
    }

    @Test func hostileTimeoutsAreRefusedOrClampedAndTheMinerStaysUp() async throws {
        let net = try await MinerServiceTests.start()
        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 3)
        let c = issued.challenge
        let base = Challenge(hash: c.hash, salt: c.salt, chars: c.chars, mask: c.mask, difficulty: 3)
        for raw in ["Infinity", "-Infinity", "NaN", "1e300", "-1e300", "-1", "0"] {
            let answer = try await HostileRequest.send(base, from: net.dendrite, to: net.endpoint, timeout: 20,
                                                       setting: [(["timeout"], raw)])
            let status = try #require(answer.status, "timeout \(raw): no answer (\(answer.text))")
            #expect((200..<500).contains(status), "timeout \(raw): \(status)")
            if status == 200 {
                let output = answer.body?["output"]
                let refused = output?["error"]?.stringValue == "invalid_input: timeout must be a finite number of seconds above 0"
                let clamped = output?["password"]?.stringValue == issued.password
                #expect(refused || clamped, "timeout \(raw): \(answer.text)")
                #expect(clamped == (raw == "1e300"), "timeout \(raw) is clamped only when finite and positive")
            }
            await Self.expectServes(net, "after timeout \(raw)")
        }
        // The same numbers in the signed request's `timeout` header, body and header together.
        for raw in ["Infinity", "NaN", "1e300", "-1"] {
            let answer = try await HostileRequest.send(base, from: net.dendrite, to: net.endpoint, timeout: 20,
                                                       setting: [(["timeout"], raw)], headers: ["timeout": raw])
            let status = try #require(answer.status, "header timeout \(raw): no answer")
            #expect((200..<500).contains(status), "header timeout \(raw): \(status)")
            await Self.expectServes(net, "after header timeout \(raw)")
        }
        await net.stop()
    }

    /// Hostile JSON values: non-finite and huge numbers, negatives, wrong types, deep nesting.
    static let hostileValues: [String] = [
        "NaN", "Infinity", "-Infinity", "1e300", "-1e300", "-1", "9223372036854775808", "1.5",
        "true", "null", "\"\"", "\"x\"", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
        "\"" + String(repeating: "A", count: 70_000) + "\"",
    ]

    /// Every field of every synapse, set to every hostile value: a 4xx or a refusal inside a 200,
    /// never a 5xx, never a dead miner; Allocate never allocates.
    @Test func everySynapseFieldWithHostileValuesIsRefusedCleanly() async throws {
        let net = try await MinerServiceTests.start()
        await Self.expectServes(net, "before any hostile request")  // the caller is admitted: values reach the synapse
        let fields: [(any Synapse, [[String]])] = [
            (Specs(), [["specs_input"], ["specs_output"], ["timeout"]]),
            (Challenge(hash: "$BLAKE2$" + String(repeating: "0", count: 128), salt: "00", chars: "ab", mask: "?1", difficulty: 1),
             [["challenge_hash"], ["challenge_salt"], ["challenge_mode"], ["challenge_chars"], ["challenge_mask"],
              ["challenge_difficulty"], ["output"], ["timeout"]]),
            (Allocate(), [["timeline"], ["device_requirement"], ["device_requirement", "cpu", "count"],
                          ["device_requirement", "gpu", "count"], ["device_requirement", "gpu", "capacity"],
                          ["device_requirement", "gpu", "type"], ["device_requirement", "ram", "capacity"],
                          ["device_requirement", "hard_disk", "capacity"], ["checking"], ["public_key"],
                          ["docker_requirement"], ["docker_requirement", "ssh_key"], ["docker_change"],
                          ["docker_action"], ["docker_action", "action"], ["docker_action", "ssh_key"], ["output"], ["timeout"]]),
        ]
        var sent = 0, refusedInside = 0
        for (synapse, paths) in fields {
            for path in paths {
                // pydantic's lax mode reads `true` as 1: `timeline: true` is a real one-day request.
                for raw in Self.hostileValues where !(synapse is Allocate && path == ["timeline"] && raw == "true") {
                    let answer = try await Self.send(synapse, net: net, path: path, raw: raw)
                    sent += 1
                    let what = "\(type(of: synapse)).\(path.joined(separator: ".")) = \(raw.prefix(40))"
                    let status = try #require(answer.status, "\(what): no answer (\(answer.text.prefix(200)))")
                    #expect((200..<500).contains(status), "\(what): \(status)")
                    if status == 200 { refusedInside += 1 }
                    if status == 200, synapse is Allocate {
                        #expect(answer.body?["output"]?["status"]?.boolValue != true, "\(what) allocated: \(answer.text.prefix(300))")
                    }
                }
            }
        }
        #expect(sent == fields.reduce(0) { $0 + $1.1.count } * Self.hostileValues.count - 1)
        #expect(refusedInside > 0, "no hostile value got past the HTTP layer to the synapse's own checks")
        await Self.expectServes(net, "after \(sent) hostile requests")
        await net.stop()
    }

    static func send(_ synapse: any Synapse, net: MinerServiceTests.Net, path: [String], raw: String) async throws -> HostileRequest.Answer {
        func open<S: Synapse>(_ s: S) async throws -> HostileRequest.Answer {
            try await HostileRequest.send(s, from: net.dendrite, to: net.endpoint, timeout: 20, setting: [(path, raw)])
        }
        return try await open(synapse)
    }
}
