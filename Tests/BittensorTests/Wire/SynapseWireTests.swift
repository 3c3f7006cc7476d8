import ComputeSubnetTestSupport
import Foundation
import Testing

@testable import Bittensor

@Suite struct SynapseBodyTests {
    /// Every captured Python dendrite request body re-encodes byte for byte.
    @Test(arguments: ["proxy_conn1.log", "proxy_conn2.log", "proxy_conn3.log"])
    func requestBodiesRoundTrip(file: String) throws {
        let capture = try HTTPCapture(file: file)
        #expect(!capture.requests.isEmpty)
        for request in capture.requests {
            let body = request.body
            let reencoded: [UInt8]
            if request.startLine.contains("/Hashed") {
                reencoded = try Hashed(jsonBody: body).jsonBody(style: .python)
            } else {
                reencoded = try CapturedChallenge(jsonBody: body).jsonBody(style: .python)
            }
            #expect(String(decoding: reencoded, as: UTF8.self) == String(decoding: body, as: UTF8.self))
        }
    }

    /// The Python axon's 200 bodies (FastAPI, compact) re-encode byte for byte, floats included.
    @Test func responseBodiesRoundTrip() throws {
        let capture = try HTTPCapture(file: "proxy_conn1.log")
        let ok = capture.responses.filter { $0.startLine.contains(" 200 ") }
        #expect(ok.count == 2)
        for response in ok {
            let text = String(decoding: response.body, as: UTF8.self)
            let reencoded: [UInt8] = text.contains("\"name\":\"Hashed\"")
                ? try Hashed(jsonBody: response.body).jsonBody(style: .compact)
                : try CapturedChallenge(jsonBody: response.body).jsonBody(style: .compact)
            #expect(String(decoding: reencoded, as: UTF8.self) == text)
        }
    }

    @Test func parsedValuesMatchTheCapture() throws {
        let capture = try HTTPCapture(file: "proxy_conn1.log")
        let s = try CapturedChallenge(jsonBody: capture.responses[0].body)
        #expect(s.challengeHash == "abc123")
        #expect(s.timeout == 5.0)
        #expect(s.axon.statusCode == 200)
        #expect(s.axon.processTime == 8.535385131835938e-05)
        #expect(s.dendrite.nonce == 1_795_629_155_171_250_472)
        #expect(s.output == ["password": "pw-for-abc123", "error": nil])
        #expect(s.output.keys == ["password", "error"])
    }

    @Test func unknownKeysAreIgnoredAndMissingKeysTakeDefaults() throws {
        let s = try CapturedChallenge(jsonBody: Array(#"{"challenge_salt": "ab", "extra": [1, {"x": null}], "name": "Other"}"#.utf8))
        #expect(s.challengeSalt == "ab")
        #expect(s.challengeDifficulty == 6)
        #expect(s.timeout == 12.0)
        #expect(s.dendrite == TerminalInfo())
        let body = String(decoding: s.jsonBody(style: .python), as: UTF8.self)
        #expect(body.hasPrefix(#"{"name": "Challenge", "timeout": 12.0, "total_size": 0, "header_size": 0, "dendrite": {"status_code": null,"#))
        #expect(!body.contains("extra"))
    }

    @Test(arguments: [
        #"{"challenge_difficulty": "seven"}"#, #"{"output": []}"#, #"{"dendrite": 5}"#, #"{"challenge_hash": 1}"#, "[1, 2]",
    ])
    func wrongTypesAreRejected(_ body: String) {
        #expect(throws: WireError.self) { try CapturedChallenge(jsonBody: Array(body.utf8)) }
    }
}

@Suite struct SynapseHeadersTests {
    /// Header names we write, in the SDK's order, for a request.
    static let requestHeaderNames = [
        "name", "timeout", "bt_header_axon_ip", "bt_header_axon_port", "bt_header_axon_hotkey",
        "bt_header_dendrite_ip", "bt_header_dendrite_version", "bt_header_dendrite_nonce", "bt_header_dendrite_uuid",
        "bt_header_dendrite_hotkey", "bt_header_dendrite_signature", "header_size", "total_size", "computed_body_hash",
    ]

    @Test(arguments: ["proxy_conn1.log", "proxy_conn2.log", "proxy_conn3.log"])
    func requestHeadersRoundTrip(file: String) throws {
        for request in try HTTPCapture(file: file).requests {
            let parsed = try SynapseHeaders(parsing: request.headers)
            let captured = request.headers.filter { Self.requestHeaderNames.contains($0.name) }
            #expect(parsed.fields.map(\.name) == captured.map(\.name))
            #expect(parsed.fields.map(\.value) == captured.map(\.value))
        }
    }

    /// Headers built from the body synapse equal the Python dendrite's: the body and headers carry
    /// the same TerminalInfos.
    @Test func requestHeadersFromTheBodySynapse() throws {
        let request = try HTTPCapture(file: "proxy_conn1.log").requests[0]
        var synapse = try CapturedChallenge(jsonBody: request.body)
        synapse.base.headerSize = 464
        let built = SynapseHeaders(of: synapse).fields
        let captured = request.headers.filter { Self.requestHeaderNames.contains($0.name) && $0.name != "total_size" }
        #expect(built.filter { $0.name != "total_size" }.map(\.name) == captured.map(\.name))
        #expect(built.filter { $0.name != "total_size" }.map(\.value) == captured.map(\.value))
    }

    /// The 200 response headers of the Python axon are `to_headers()` of the returned synapse.
    @Test func successResponseHeadersFromTheBodySynapse() throws {
        let response = try HTTPCapture(file: "proxy_conn1.log").responses[0]
        var synapse = try CapturedChallenge(jsonBody: response.body)
        synapse.base.headerSize = 464
        synapse.base.totalSize = 4125
        let built = SynapseHeaders(of: synapse).fields
        let captured = response.headers.filter { !["date", "server", "content-length", "content-type"].contains($0.name) }
        #expect(built.map(\.name) == captured.map(\.name))
        #expect(built.map(\.value) == captured.map(\.value))
    }

    @Test(arguments: [("bt_header_dendrite_nonce", "12abc"), ("timeout", "soon"), ("bt_header_dendrite_version", "1.2"),
                      ("bt_header_axon_port", "http"), ("total_size", "x")])
    func badValuesAreRejected(name: String, value: String) {
        #expect(throws: WireError.self) { try SynapseHeaders(parsing: [(name: name, value: value)]) }
    }

    @Test func namesAreCaseInsensitiveAndValuesTrimmed() throws {
        let h = try SynapseHeaders(parsing: [(name: "BT_HEADER_DENDRITE_NONCE", value: " 42 "), (name: "Timeout", value: "3")])
        #expect(h.dendrite.nonce == 42)
        #expect(h.timeout == 3.0)
    }

    @Test func messagesWithLineBreaksAreMadeHeaderSafe() {
        var h = SynapseHeaders()
        h.axon.statusMessage = "a\r\nb\nc"
        #expect(h.fields.first { $0.name == "bt_header_axon_status_message" }?.value == "a b c")
    }
}

@Suite struct SignedMessageTests {
    /// The `dendrite_request` vector of keys.json: the exact text the SDK signs.
    @Test func textMatchesTheVector() throws {
        let json = try JSONSerialization.jsonObject(with: TestRepository.fixtureData("vectors/keys.json")) as! [String: Any]
        let vector = (json["signatures"] as! [[String: Any]]).first { $0["tag"] as? String == "dendrite_request" }!
        let text = vector["message_utf8"] as! String
        let parts = text.split(separator: ".").map(String.init)
        let message = SignedMessage(nonce: Int(parts[0])!, dendriteHotkey: parts[1], axonHotkey: parts[2], uuid: parts[3],
                                    bodyHash: parts[4])
        #expect(message.text == text)
        #expect(message.bytes == Hex.decode(vector["message_hex"] as! String))
        #expect(message.bodyHash == BodyHash.empty)
    }

    @Test func emptyBodyHashForSynapsesWithoutRequiredFields() {
        #expect(BodyHash.compute(CapturedChallenge()) == "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
    }

    @Test func nonceClockIsStrictlyIncreasing() async {
        let clock = NonceClock()
        let values = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<4 { group.addTask { (0..<2_000).map { _ in clock.next() } } }
            var all: [[Int]] = []
            for await v in group { all.append(v) }
            return all
        }
        for v in values { #expect(zip(v, v.dropFirst()).allSatisfy { $0 < $1 }) }
        #expect(Set(values.joined()).count == 8_000)
        let now = Int(Date().timeIntervalSince1970 * 1e9)
        #expect(abs(values[0][0] - now) < 5_000_000_000)
    }
}

@Suite struct BodyHashTests {
    /// keys.json `body_hash` vectors (computed by the SDK).
    @Test func matchesTheSDKVectors() throws {
        let json = try JSONSerialization.jsonObject(with: TestRepository.fixtureData("vectors/keys.json")) as! [String: Any]
        let vectors = json["body_hash"] as! [[String: Any]]
        #expect(vectors.count == 2)
        for vector in vectors {
            let names = vector["required_hash_fields"] as! [String]
            let values = vector["values"] as! [String: Any]
            let wire: [JSON] = names.map { name in
                switch values[name] {
                case let s as String: .string(s)
                case let n as Int: .int(n)
                default: .null
                }
            }
            #expect(BodyHash.compute(values: wire) == vector["computed_body_hash"] as! String)
        }
    }

    /// The capture's `Hashed` request: the header hash equals ours for the body's values.
    @Test func matchesTheCapturedHeader() throws {
        let request = try HTTPCapture(file: "proxy_conn1.log").requests[1]
        let synapse = try Hashed(jsonBody: request.body)
        #expect(BodyHash.compute(synapse) == request.header("computed_body_hash"))
        #expect(BodyHash.compute(synapse) == "0f1c8a21c6f2a92bee209957e08a2938ad63ae4fbb69a3a1f377f3462eebd00a")
    }

    @Test func rendersValuesWithPythonStr() {
        // sha3_256(sha3("True") + sha3("1.5") + sha3("{'a': None}")), from hashlib.
        let expected = BodyHash.sha3Hex(BodyHash.sha3Hex("True") + BodyHash.sha3Hex("1.5") + BodyHash.sha3Hex("{'a': None}"))
        #expect(BodyHash.compute(values: [true, 1.5, ["a": nil]]) == expected)
        #expect(BodyHash.sha3Hex("") == BodyHash.empty)
    }
}

@Suite struct SignatureVectorTests {
    /// The SDK's signature over the dendrite message verifies; the tampered one does not.
    @Test func dendriteRequestVector() throws {
        let json = try JSONSerialization.jsonObject(with: TestRepository.fixtureData("vectors/keys.json")) as! [String: Any]
        let vector = (json["signatures"] as! [[String: Any]]).first { $0["tag"] as? String == "dendrite_request" }!
        let text = vector["message_utf8"] as! String
        let parts = text.split(separator: ".").map(String.init)
        let message = SignedMessage(nonce: Int(parts[0])!, dendriteHotkey: parts[1], axonHotkey: parts[2], uuid: parts[3],
                                    bodyHash: parts[4])
        let signer = try Keypair(ss58Address: vector["signer_ss58"] as! String)
        #expect(message.verify(signature: vector["signature"] as! String, with: signer))
        #expect(!message.verify(signature: vector["tampered_signature"] as! String, with: signer))
        #expect(!message.verify(signature: String((vector["signature"] as! String).dropFirst(2)), with: signer))
        // Our own signature of the same message verifies with the SDK's rules.
        let key = try Keypair(mnemonic: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")
        #expect(key.ss58Address == parts[1])
        let ours = try message.sign(with: key)
        #expect(ours.hasPrefix("0x") && ours.count == 130 && ours == ours.lowercased())
        #expect(message.verify(signature: ours, with: signer))
    }
}
