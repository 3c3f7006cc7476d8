import Foundation
import NIOCore
import NIOPosix

@testable import Bittensor

enum TestKeys {
    static let minerMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
    static var miner: Keypair { try! Keypair(mnemonic: minerMnemonic) }
    static var alice: Keypair { try! Keypair(uri: "//Alice") }
    static var bob: Keypair { try! Keypair(uri: "//Bob") }
}

/// A test axon on 127.0.0.1:0 with the capture's Challenge, Hashed and a slow synapse attached.
struct TestAxon {
    let axon: Axon
    let endpoint: AxonEndpoint

    /// Each test axon serves on two loops of its own, apart from the process-wide ones the test
    /// dendrites use: the suites run in parallel on two cores, and axons sharing threads with
    /// every client in the process get too little of the CPU for the tests' 5 s deadlines (CI saw
    /// a 408). In a miner the axon is the main user of the shared loops. The loops are left
    /// idle after the test, as the test process ends soon. The service and start tests use the
    /// default, shared loops.
    static func loops() -> MultiThreadedEventLoopGroup { MultiThreadedEventLoopGroup(numberOfThreads: 2) }

    static func start(configure: (inout AxonConfiguration) -> Void = { _ in },
                      attach: (Axon) -> Void = TestAxon.attachDefaults) async throws -> TestAxon {
        var configuration = AxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.forwardThreads = 4
        configure(&configuration)
        let keypair = TestKeys.miner
        let axon = Axon(keypair: keypair, configuration: configuration, eventLoopGroup: Self.loops())
        attach(axon)
        let port = try await axon.start()
        return TestAxon(axon: axon, endpoint: AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: keypair.ss58Address))
    }

    static func attachDefaults(_ axon: Axon) {
        axon.attach(CapturedChallenge.self, forward: { synapse, _ in
            var s = synapse
            if s.challengeMode == "sleep" { try await Task.sleep(for: .seconds(3)) }
            if s.challengeMode == "block" { usleep(4_000_000) }  // a blocking handler
            if s.challengeMode == "boom" { throw CancellationError() }
            s.output = ["password": .string("pw-for-" + s.challengeHash), "error": nil]
            return s
        }, blacklist: { synapse, _ in
            synapse.dendrite.hotkey == TestKeys.bob.ss58Address ? .deny("hotkey not registered") : .allow
        })
        axon.attach(Hashed.self, forward: { synapse, _ in
            var s = synapse
            s.answer = String(repeating: s.prompt.uppercased(), count: s.n)
            return s
        })
    }
}

/// Blocking loopback HTTP exchanges on a dedicated thread (raw bytes, for hostile input).
enum RawHTTP {
    struct Reply: Sendable {
        var bytes: [UInt8]
        /// The status code of the first response, if one arrived.
        var status: Int? {
            let text = String(decoding: bytes.prefix(64), as: UTF8.self)
            guard text.hasPrefix("HTTP/1.1 ") else { return nil }
            return Int(text.dropFirst(9).prefix(3))
        }
        var body: String {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let r = text.range(of: "\r\n\r\n") else { return "" }
            return String(text[r.upperBound...])
        }
        func header(_ name: String) -> String? {
            let text = String(decoding: bytes, as: UTF8.self)
            for line in text.components(separatedBy: "\r\n") {
                if line.isEmpty { break }
                if line.lowercased().hasPrefix(name.lowercased() + ":") {
                    return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// Connects, sends `chunks` (waiting `pause` between them), half-closes when `halfClose`,
    /// and reads until the server closes or `readTimeout` passes.
    /// `source`: the local address to connect from (any 127.x address on loopback).
    static func exchange(port: Int, chunks: [[UInt8]], pause: Double = 0, halfClose: Bool = true,
                         readTimeout: Double = 5, source: String? = nil) async -> Reply {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: blockingExchange(port: port, chunks: chunks, pause: pause,
                                                                halfClose: halfClose, readTimeout: readTimeout, source: source))
            }
            thread.start()
        }
    }

    static func exchange(port: Int, _ bytes: [UInt8], readTimeout: Double = 5) async -> Reply {
        await exchange(port: port, chunks: [bytes], readTimeout: readTimeout)
    }

    private static func blockingExchange(port: Int, chunks: [[UInt8]], pause: Double, halfClose: Bool,
                                         readTimeout: Double, source: String? = nil) -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return Reply(bytes: []) }
        defer { close(fd) }
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            _ = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return Reply(bytes: []) }
        var tv = timeval(tv_sec: Int(readTimeout), tv_usec: Int((readTimeout - Double(Int(readTimeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        for (i, chunk) in chunks.enumerated() {
            if i > 0 && pause > 0 { Thread.sleep(forTimeInterval: pause) }
            var sent = 0
            while sent < chunk.count {
                let n = chunk[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { break }
                sent += n
            }
            if sent < chunk.count { break }  // the server closed on us: fine, read what it said
        }
        if halfClose { shutdown(fd, Int32(SHUT_WR)) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(readTimeout)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buffer[0..<n]
        }
        return Reply(bytes: out)
    }

    /// The raw bytes of a signed request made by `dendrite` (as it would send it).
    static func request<S: Synapse>(_ synapse: S, dendrite: Dendrite, axon: AxonEndpoint, timeout: Double = 12,
                                    mutateHeaders: (inout [(name: String, value: String)]) -> Void = { _ in },
                                    body: [UInt8]? = nil) throws -> [UInt8] {
        var s = synapse
        let prepared = try dendrite.prepare(&s, for: axon, timeout: timeout)
        var headers = prepared.headers
        mutateHeaders(&headers)
        let payload = body ?? prepared.body
        var text = "POST /\(S.name) HTTP/1.1\r\nHost: 127.0.0.1:\(axon.port)\r\n"
        for (n, v) in headers { text += "\(n): \(v)\r\n" }
        text += "Content-Length: \(payload.count)\r\nConnection: close\r\n\r\n"
        return Array(text.utf8) + payload
    }
}
