import Foundation
import Testing
@testable import ComputeSubnet

/// Helpers for the tenant confinement tests: host listeners, the host's addresses, probes from inside.
enum TenantTestSupport {
    /// A TCP socket listening on 0.0.0.0 (every address of the host, as the miner's axon does);
    /// the kernel completes handshakes from its backlog, so nothing needs to accept.
    final class HostListener: @unchecked Sendable {
        let fd: Int32
        let port: Int

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = INADDR_ANY
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
            }
            try #require(bound == 0 && listen(fd, 64) == 0, "cannot listen: \(String(cString: strerror(errno)))")
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            self.fd = fd
            self.port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(fd) }
    }

    /// The host's own IPv4 addresses outside loopback and container bridges (eth0's, say).
    static func hostAddresses() -> [String] {
        interfaceAddresses().filter { name, _ in
            !["lo", "docker0"].contains(name) && !name.hasPrefix("br-") && !name.hasPrefix("veth") && !name.hasPrefix("sn27")
        }.map(\.1)
    }

    /// Every IPv4 address of the host with its interface name.
    static func interfaceAddresses() -> [(String, String)] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var out: [(String, String)] = []
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0,
                              NI_NUMERICHOST) == 0 else { continue }
            out.append((String(cString: entry.pointee.ifa_name),
                        String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        return out
    }

    /// Whether a TCP connect from inside `container` to `host:port` succeeds within 3 s, and how long it took.
    static func connects(from container: String, to host: String, port: Int, engine: DockerEngine) async throws -> (Bool, Duration) {
        let start = ContinuousClock.now
        let status = try await engine.exec(container, command: ["timeout", "3", "bash", "-c", ": </dev/tcp/$H/$P"],
                                           environment: ["H=\(host)", "P=\(port)"])
        return (status == 0, ContinuousClock.now - start)
    }

    /// `docker inspect -f template id`, trimmed.
    static func inspect(_ id: String, _ template: String) throws -> String {
        let result = try AllocationTestSupport.run("/usr/bin/env", ["docker", "inspect", "-f", template, id])
        try #require(result.status == 0, "\(result.output)")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The capability mask (`CapEff` in /proc/PID/status) of exactly `names`.
    static func capabilityMask(_ names: [String]) -> UInt64 {
        let numbers = ["CHOWN": 0, "DAC_OVERRIDE": 1, "FOWNER": 3, "KILL": 5, "SETGID": 6, "SETUID": 7,
                       "NET_BIND_SERVICE": 10, "NET_RAW": 13, "SYS_CHROOT": 18, "AUDIT_WRITE": 29]
        return names.reduce(0) { $0 | (1 << UInt64(numbers[$1]!)) }
    }

    /// Writes an OpenSSH private key file (0600) and returns its path.
    static func writeIdentity(_ text: String, in directory: String, name: String = "lease_key") throws -> String {
        let path = "\(directory)/\(name)"
        try #require(FileManager.default.createFile(atPath: path, contents: Data(text.utf8),
                                                    attributes: [.posixPermissions: 0o600]))
        return path
    }

    /// An ssh attempt that may only use a password or keyboard-interactive login.
    static func passwordAttempt(port: Int, password: String) throws -> AllocationTestSupport.ProcessResult {
        try AllocationTestSupport.run("/usr/bin/sshpass", ["-p", password, "ssh"] + AllocationTestSupport.sshOptions
            + ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive",
               "-p", "\(port)", "root@127.0.0.1", "echo in"])
    }
}
