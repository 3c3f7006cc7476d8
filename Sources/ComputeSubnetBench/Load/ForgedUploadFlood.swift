import Foundation

/// Strangers flooding an axon: `connections` sockets from several loopback addresses, each
/// sending the head of a chunked 32 MiB upload with a made-up signature and then trickling
/// 32 KiB chunks; a refused connection reconnects at once. Runs on its own threads until stopped.
package final class ForgedUploadFlood: @unchecked Sendable {
    private let port: Int
    private let path: String
    private let lock = NSLock()
    private var running = true
    private var refusals = 0
    private var threads = 0

    package init(port: Int, path: String = "/Specs") {
        self.port = port
        self.path = path
    }

    /// Refused uploads so far (answers received or connections closed by the axon).
    package var refused: Int { lock.withLock { refusals } }

    package func start(connections: Int, sources: Int = 4) {
        for i in 0..<connections {
            let source = "127.0.0.\(2 + i % max(1, sources))"
            lock.withLock { threads += 1 }
            Thread { [self] in
                while lock.withLock({ running }) {
                    upload(from: source)
                    lock.withLock { refusals += 1 }
                }
                lock.withLock { threads -= 1 }
            }.start()
        }
    }

    /// Stops and waits (up to 10 s) for every thread to finish.
    package func stop() {
        lock.withLock { running = false }
        let deadline = Date().addingTimeInterval(10)
        while lock.withLock({ threads }) > 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    }

    private var head: [UInt8] {
        Array("""
            POST \(path) HTTP/1.1\r
            host: 127.0.0.1:\(port)\r
            transfer-encoding: chunked\r
            content-type: application/json\r
            bt_header_dendrite_hotkey: 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\r
            bt_header_dendrite_nonce: \(UInt64(Date().timeIntervalSince1970 * 1e9))\r
            bt_header_dendrite_uuid: flood\r
            bt_header_dendrite_signature: 0x\(String(repeating: "ab", count: 64))\r
            computed_body_hash: \(String(repeating: "0", count: 64))\r
            \r\n
            """.utf8)
    }

    private static let chunk = Array("8000\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 0x8000) + Array("\r\n".utf8)

    /// One forged upload: head, then a chunk every 50 ms until the axon answers or closes (or 1,024 chunks: 32 MiB).
    private func upload(from source: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { Thread.sleep(forTimeInterval: 0.1); return }
        defer { close(fd) }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0 && withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
        guard ok else { Thread.sleep(forTimeInterval: 0.05); return }
        var timeout = timeval(tv_sec: 0, tv_usec: 50_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard send(fd, head) else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<1024 where lock.withLock({ running }) {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) || n > 0 { return }  // answered or closed
            guard send(fd, Self.chunk) else { return }
        }
    }

    private func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }
}
