import Bittensor
import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import Testing

/// A Python reference peer (`interop/*.py`) run as a subprocess.
struct WirePeer {
    static var interopDir: URL { TestRepository.interopDirectory }
    static var python: String { TestRepository.interopPython }

    static let minerMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
    static let aliceSeed = "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"
    static let bobSeed = "0x398f0c28f98885e046333d4a41c19cee4c37368a9832c6502f6cfd182e2aef89"
    static var miner: Keypair { try! Keypair(mnemonic: minerMnemonic) }
    static var alice: Keypair { try! Keypair(miniSecret: Hex.decode(aliceSeed)!) }
    static var bob: Keypair { try! Keypair(miniSecret: Hex.decode(bobSeed)!) }

    /// A long-running peer (peer_axon.py): started, READY parsed, stopped with SIGTERM.
    final class Server: @unchecked Sendable {
        let process: Process
        let hotkey: String
        let port: Int

        init(arguments: [String]) throws {
            process = Process()
            process.executableURL = URL(fileURLWithPath: WirePeer.python)
            process.arguments = [WirePeer.interopDir.appendingPathComponent("peer_axon.py").path] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            var line = ""
            let handle = out.fileHandleForReading
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let byte = handle.readData(ofLength: 1)
                if byte.isEmpty { break }
                if byte.first == 0x0a {
                    if line.hasPrefix("READY ") { break }
                    line = ""
                } else {
                    line += String(decoding: byte, as: UTF8.self)
                }
            }
            let parts = line.split(separator: " ")
            guard parts.count == 3, let port = Int(parts[2]) else {
                kill(process.processIdentifier, SIGKILL)
                throw PeerFailure(what: "peer_axon did not print READY (got '\(line)')")
            }
            hotkey = String(parts[1])
            self.port = port
        }

        var endpoint: AxonEndpoint { AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: hotkey) }

        func stop() {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)  // SIGTERM may be blocked: children inherit the spawning thread's signal mask
                process.waitUntilExit()
            }
        }
    }

    struct PeerFailure: Error, CustomStringConvertible {
        let what: String
        var description: String { what }
    }

    /// Runs a tool to completion (off the cooperative pool) and returns stdout as a JSON object.
    static func runJSON(_ tool: String, _ arguments: [String]) async throws -> [String: Any] {
        let (status, out, err) = await withCheckedContinuation { (c: CheckedContinuation<(Int32, Data, Data), Never>) in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: python)
                process.arguments = [interopDir.appendingPathComponent(tool).path] + arguments
                let stdout = Pipe(), stderr = Pipe()
                process.standardOutput = stdout
                process.standardError = stderr
                do { try process.run() } catch { c.resume(returning: (-1, Data(), Data("\(error)".utf8))); return }
                let errData = Thread.detachNewThreadReading(stderr.fileHandleForReading)
                let out = stdout.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                c.resume(returning: (process.terminationStatus, out, errData()))
            }.start()
        }
        guard status == 0, let object = try? JSONSerialization.jsonObject(with: out) as? [String: Any] else {
            throw PeerFailure(what: "\(tool) failed (\(status)): \(String(decoding: err, as: UTF8.self).suffix(1500))")
        }
        return object
    }

    /// Runs a python snippet with the interop folder on `sys.path`; returns stdout.
    static func runSnippet(_ code: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import sys; sys.path.insert(0, '\(interopDir.path)'); import common\n" + code]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: out, as: UTF8.self)
    }

    /// `peer_dendrite.py` single call against `port`.
    static func dendriteCall(port: Int, axonHotkey: String, seed: String = aliceSeed, synapse: String,
                             fields: [String] = [], timeout: Double = 12) async throws -> [String: Any] {
        var args = ["--port", String(port), "--axon-hotkey", axonHotkey, "--seed", seed, "--synapse", synapse,
                    "--timeout", String(timeout)]
        for f in fields { args += ["--field", f] }
        return try await runJSON("peer_dendrite.py", args)
    }
}

extension Thread {
    /// Reads `handle` to its end on another thread; the closure waits for and returns the data.
    static func detachNewThreadReading(_ handle: FileHandle) -> () -> Data {
        let box = DataBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
        return {
            done.wait()
            return box.data
        }
    }

    final class DataBox: @unchecked Sendable { var data = Data() }
}

/// Loopback raw HTTP (for replays and tampering with a real peer's request).
enum WireRaw {
    static func exchange(port: Int, _ bytes: [UInt8]) async -> (status: Int?, body: String) {
        await withCheckedContinuation { c in
            Thread {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var addr = sockaddr_in()
                addr.sin_family = sa_family_t(AF_INET)
                addr.sin_port = in_port_t(UInt16(port).bigEndian)
                addr.sin_addr.s_addr = inet_addr("127.0.0.1")
                var tv = timeval(tv_sec: 10, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                let ok = withUnsafePointer(to: &addr) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard ok == 0 else { c.resume(returning: (nil, "")); return }
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                var out: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if n <= 0 { break }
                    out += buffer[0..<n]
                }
                let text = String(decoding: out, as: UTF8.self)
                let status = text.hasPrefix("HTTP/1.1 ") ? Int(text.dropFirst(9).prefix(3)) : nil
                let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
                c.resume(returning: (status, body))
            }.start()
        }
    }

    static func request(name: String, port: Int, headers: [(name: String, value: String)], body: [UInt8]) -> [UInt8] {
        var text = "POST /\(name) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (n, v) in headers where n.lowercased() != "content-length" { text += "\(n): \(v)\r\n" }
        text += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        return Array(text.utf8) + body
    }
}

/// The real Python dendrite (bittensor 10.5.0, `peer_dendrite.py`) against the Swift axon.
@Suite(.serialized) struct AxonInteropTests {
    static let specsText = #"{"cpu": {"count": 2}, "has_docker": true}"#

    /// What the forwards saw (to replay a real Python request).
    actor Seen {
        var challenges: [Challenge] = []
        func add(_ c: Challenge) { challenges.append(c) }
    }

    static func startAxon(seen: Seen = Seen(), attachAllocate: Bool = true) async throws -> (Axon, Int) {
        var configuration = AxonConfiguration(host: "127.0.0.1", port: 0)
        let axon = Axon(keypair: WirePeer.miner, configuration: configuration)
        let blacklist: @Sendable (String?) -> AccessDecision = { hotkey in
            hotkey == WirePeer.bob.ss58Address ? .deny("hotkey \(hotkey ?? "") not in allow list") : .allow
        }
        axon.attach(Specs.self, forward: { s, _ in
            var s = s
            s.specsOutput = AxonInteropTests.specsText
            return s
        }, blacklist: { s, _ in blacklist(s.dendrite.hotkey) })
        axon.attach(Challenge.self, forward: { s, _ in
            await seen.add(s)
            var s = s
            if s.challengeMode == "sleep" { try await Task.sleep(for: .seconds(4)) }
            s.output = ["password": .string("answer-" + s.challengeSalt), "local_execution_time": 0.25, "error": nil]
            return s
        }, blacklist: { s, _ in blacklist(s.dendrite.hotkey) })
        if attachAllocate {
            axon.attach(Allocate.self, forward: { s, _ in
                var s = s
                s.output = ["status": .bool(s.checking), "port": 4444, "public_key_bytes": .int(s.publicKey.utf8.count)]
                return s
            }, blacklist: { s, _ in blacklist(s.dendrite.hotkey) })
        }
        let port = try await axon.start()
        return (axon, port)
    }

    /// Our default bodies are byte-identical to `json.dumps(Cls().model_dump())` of sn27.py.
    @Test func defaultBodiesMatchTheSDK() throws {
        let python = try WirePeer.runSnippet("""
        import json
        from sn27 import Specs, Challenge, Allocate
        for cls in (Specs, Challenge, Allocate):
            common.emit(text=json.dumps(cls().model_dump()))  # common.py points print() at stderr
        """)
        let lines = python.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let ours = [Specs().jsonBody(style: .python), Challenge().jsonBody(style: .python), Allocate().jsonBody(style: .python)]
            .map { String(decoding: $0, as: UTF8.self) }
        #expect(lines == ours)
    }

    @Test func pythonDendriteGets200ForAllThreeSynapses() async throws {
        let (axon, port) = try await Self.startAxon()
        defer { Task { await axon.stop() } }
        let hotkey = WirePeer.miner.ss58Address

        let specs = try await WirePeer.dendriteCall(port: port, axonHotkey: hotkey, synapse: "Specs", fields: ["specs_input=probe"])
        #expect(specs["status_code"] as? Int == 200)
        #expect(specs["status_message"] as? String == "Success")
        #expect(specs["deserialized"] as? String == Self.specsText)

        let challenge = try await WirePeer.dendriteCall(port: port, axonHotkey: hotkey, synapse: "Challenge", fields: [
            "challenge_hash=$BLAKE2$00", "challenge_salt=3f9c2a1b0d4e5f60", "challenge_mode=610",
            "challenge_chars=q7W!a#Z2:9", "challenge_mask=?1?1?1?1", "challenge_difficulty=4",
        ])
        #expect(challenge["status_code"] as? Int == 200)
        let output = try #require(challenge["deserialized"] as? [String: Any])
        #expect(output["password"] as? String == "answer-3f9c2a1b0d4e5f60")
        #expect(output["local_execution_time"] as? Double == 0.25)
        let response = try #require(challenge["response"] as? [String: Any])
        #expect(response["challenge_difficulty"] as? Int == 4)
        #expect((response["axon"] as? [String: Any])?["status_code"] as? Int == 200)

        let allocate = try await WirePeer.dendriteCall(port: port, axonHotkey: hotkey, synapse: "Allocate", fields: [
            "checking=false", "timeline=2", #"device_requirement={"cpu": {"count": 1}}"#, "public_key=PEM",
        ])
        #expect(allocate["status_code"] as? Int == 200)
        let allocated = try #require(allocate["deserialized"] as? [String: Any])
        #expect(allocated["status"] as? Bool == false)
        #expect(allocated["port"] as? Int == 4444)
        #expect(allocated["public_key_bytes"] as? Int == 3)
    }

    @Test func callerNotAllowedIs403() async throws {
        let (axon, port) = try await Self.startAxon()
        defer { Task { await axon.stop() } }
        let result = try await WirePeer.dendriteCall(port: port, axonHotkey: WirePeer.miner.ss58Address, seed: WirePeer.bobSeed,
                                                     synapse: "Specs")
        #expect(result["status_code"] as? Int == 403)
        #expect(result["status_message"] as? String == "Forbidden. Key is blacklisted: hotkey \(WirePeer.bob.ss58Address) not in allow list.")
    }

    @Test func requestSignedForAnotherHotkeyIs401() async throws {
        let (axon, port) = try await Self.startAxon()
        defer { Task { await axon.stop() } }
        let result = try await WirePeer.dendriteCall(port: port, axonHotkey: WirePeer.bob.ss58Address, synapse: "Challenge")
        #expect(result["status_code"] as? Int == 401)
        #expect((result["status_message"] as? String)?.hasPrefix("Not Verified with error: Signature mismatch with ") == true)
    }

    /// A real Python request, replayed byte for byte, and with its signature altered.
    @Test func replayedAndTamperedPythonRequestsAre401() async throws {
        let seen = Seen()
        let (axon, port) = try await Self.startAxon(seen: seen)
        defer { Task { await axon.stop() } }
        let first = try await WirePeer.dendriteCall(port: port, axonHotkey: WirePeer.miner.ss58Address, synapse: "Challenge",
                                                    fields: ["challenge_salt=replay-me"])
        #expect(first["status_code"] as? Int == 200)
        // The body the Python dendrite sent carries the same TerminalInfos as its headers.
        let original = try #require(await seen.challenges.last)
        #expect(original.dendrite.hotkey == WirePeer.alice.ss58Address)
        #expect(original.dendrite.version == 10_005_000)
        #expect(original.axon.hotkey == WirePeer.miner.ss58Address)
        var headers = SynapseHeaders(of: original).fields
        headers.append(("content-type", "application/json"))
        let body = original.jsonBody(style: .python)
        let replay = await WireRaw.exchange(port: port, WireRaw.request(name: "Challenge", port: port, headers: headers, body: body))
        #expect(replay.status == 401)
        #expect(replay.body.contains("Nonce"))

        let second = try await WirePeer.dendriteCall(port: port, axonHotkey: WirePeer.miner.ss58Address, synapse: "Challenge",
                                                     fields: ["challenge_salt=tamper-me"])
        #expect(second["status_code"] as? Int == 200)
        let another = try #require(await seen.challenges.last)
        var tampered = another
        var signature = Array(tampered.dendrite.signature!)
        signature[5] = signature[5] == "a" ? "b" : "a"
        tampered.base.dendrite.signature = String(signature)
        tampered.base.dendrite.nonce! += 1  // a fresh nonce, so only the signature is wrong
        var tamperedHeaders = SynapseHeaders(of: tampered).fields
        tamperedHeaders.append(("content-type", "application/json"))
        let reply = await WireRaw.exchange(port: port, WireRaw.request(name: "Challenge", port: port, headers: tamperedHeaders,
                                                                   body: tampered.jsonBody(style: .python)))
        #expect(reply.status == 401)
        #expect(reply.body.contains("Signature mismatch"))
    }

    @Test func unknownSynapseIs404() async throws {
        let (axon, port) = try await Self.startAxon(attachAllocate: false)
        defer { Task { await axon.stop() } }
        let result = try await WirePeer.dendriteCall(port: port, axonHotkey: WirePeer.miner.ss58Address, synapse: "Allocate")
        #expect(result["status_code"] as? Int == 404)
        #expect(result["status_message"] as? String == "Synapse name 'Allocate' not found. Available synapses ['Synapse', 'Specs', 'Challenge']")
    }

    @Test func forwardSlowerThanTheTimeoutIs408() async throws {
        let (axon, port) = try await Self.startAxon()
        defer { Task { await axon.stop() } }
        let result = try await WirePeer.dendriteCall(port: port, axonHotkey: WirePeer.miner.ss58Address, synapse: "Challenge",
                                                     fields: ["challenge_mode=sleep"], timeout: 1)
        #expect(result["status_code"] as? Int == 408)
    }
}
