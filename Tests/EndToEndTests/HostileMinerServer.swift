import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A miner axon that answers every request the way an attacker would, on plain sockets (one
/// thread per connection) so it can misbehave at the byte level: a 64 MiB body, an object with
/// 200,000 keys, or a valid-looking answer trickled one byte a second.
final class HostileMinerServer: @unchecked Sendable {
    enum Mode: Sendable {
        /// `content-length: 64 MiB` and the bytes as fast as the socket takes them.
        case huge
        /// A 200,000-key JSON object (about 2.6 MB).
        case manyKeys
        /// A JSON answer, one byte a second.
        case trickle
    }

    let ip: String
    private(set) var port: Int = 0
    let mode: Mode
    private let listener: Int32
    private let stopped = NSLock()
    private var isStopped = false
    /// Bytes written to clients, all connections together.
    private(set) var bytesSent = 0

    init(ip: String, mode: Mode) throws {
        self.ip = ip
        self.mode = mode
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, ip, &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    func stop() {
        stopped.withLock { isStopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private var isRunning: Bool { stopped.withLock { !isStopped } }

    private func acceptLoop() {
        while isRunning {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            var noSigPipe: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &noSigPipe, socklen_t(MemoryLayout<Int32>.size))
            Thread { [self] in serve(client) }.start()
        }
    }

    /// Reads the request head and whatever body its content-length names, then misbehaves.
    private func serve(_ client: Int32) {
        defer { close(client) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while request.count < 1 << 20 {
            let n = recv(client, &buffer, buffer.count, 0)
            guard n > 0 else { return }
            request += buffer[0..<n]
            if let end = headEnd(request) {
                let head = String(decoding: request[..<end], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if request.count - end - 4 >= length { break }
            }
        }
        switch mode {
        case .huge:
            let total = 64 << 20
            guard send(client, Array("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(total)\r\n\r\n".utf8)) else { return }
            let chunk = [UInt8](repeating: UInt8(ascii: "7"), count: 1 << 20)
            for _ in 0..<64 where isRunning { guard send(client, chunk) else { return } }
        case .manyKeys:
            var body = "{"
            body.reserveCapacity(3_000_000)
            for i in 0..<200_000 { body += (i == 0 ? "" : ",") + "\"k\(i)\":0" }
            body += "}"
            let bytes = Array(body.utf8)
            guard send(client, Array("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(bytes.count)\r\n\r\n".utf8)) else { return }
            _ = send(client, bytes)
        case .trickle:
            let body = Array(#"{"output": {"password": "aaaa", "local_execution_time": 0.1, "error": null}}"#.utf8)
            guard send(client, Array("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: \(body.count)\r\n\r\n".utf8)) else { return }
            for byte in body where isRunning {
                guard send(client, [byte]) else { return }
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    private func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            offset += n
            stopped.withLock { bytesSent += n }
        }
        return true
    }

    private func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4) where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }
}

/// This process's resident memory, in bytes (from /proc/self/statm).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
