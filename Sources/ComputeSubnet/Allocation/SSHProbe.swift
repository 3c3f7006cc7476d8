import NIOCore
import NIOPosix

/// Waits until an SSH server answers on a TCP port with its `SSH-2.0-` banner.
///
/// A bare TCP connect is not enough: Docker's port proxy accepts connections before the container's
/// sshd listens, then closes them. Only the banner proves sshd is serving.
public enum SSHProbe {
    /// Whether `host:port` sends an SSH banner within `timeout`.
    public static func answers(host: String, port: Int, timeout: Duration = .seconds(2)) async -> Bool {
        do {
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { try await readBanner(host: host, port: port) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
        } catch {
            return false
        }
    }

    /// Polls until `host:port` sends an SSH banner or `deadline` passes.
    public static func waitUntilAnswering(host: String, port: Int, within deadline: Duration) async -> Bool {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end, !Task.isCancelled {
            if await answers(host: host, port: port) { return true }
            try? await Task.sleep(for: .milliseconds(150))
        }
        return false
    }

    private static func readBanner(host: String, port: Int) async throws -> Bool {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(2))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, _ in
            var received: [UInt8] = []
            for try await buffer in inbound {
                received += buffer.readableBytesView
                if received.count >= 8 { break }
            }
            return received.starts(with: Array("SSH-".utf8))
        }
    }
}
