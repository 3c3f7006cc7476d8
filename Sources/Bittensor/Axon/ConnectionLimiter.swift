import NIOCore
import Synchronization

/// Counts an axon's open connections, in total and per remote IP, so a flood of idle or slow
/// connections is refused at accept instead of holding buffers and file descriptors; and keeps
/// them, so that stopping the axon closes every one (the event loops are shared and outlive it).
final class ConnectionLimiter: Sendable {
    private struct Counts {
        var total = 0
        var perIP: [String: Int] = [:]
        var channels: [ObjectIdentifier: any Channel] = [:]
    }

    private let counts = Mutex(Counts())
    let maxTotal: Int
    let maxPerIP: Int

    init(maxTotal: Int, maxPerIP: Int) {
        self.maxTotal = max(1, maxTotal)
        self.maxPerIP = max(1, maxPerIP)
    }

    /// Takes a slot for `ip`; false when the total or that IP's cap is reached (nothing taken).
    /// An admitted channel gives its slot back when it closes.
    func admit(_ ip: String, channel: (any Channel)? = nil) -> Bool {
        let admitted = counts.withLock { c in
            guard c.total < maxTotal, c.perIP[ip, default: 0] < maxPerIP else { return false }
            c.total += 1
            c.perIP[ip, default: 0] += 1
            if let channel { c.channels[ObjectIdentifier(channel)] = channel }
            return true
        }
        if admitted, let channel {
            channel.closeFuture.whenComplete { [self] _ in release(ip, channel: channel) }
        }
        return admitted
    }

    /// Gives back a slot taken by `admit(ip)`.
    func release(_ ip: String, channel: (any Channel)? = nil) {
        counts.withLock { c in
            c.total -= 1
            let n = c.perIP[ip, default: 1] - 1
            c.perIP[ip] = n > 0 ? n : nil
            if let channel { c.channels[ObjectIdentifier(channel)] = nil }
        }
    }

    /// Closes every admitted connection that is still open.
    func closeAll() async {
        let open = counts.withLock { Array($0.channels.values) }
        for channel in open { try? await channel.close() }
    }

    /// Open connections now (for tests and benchmarks).
    var open: Int { counts.withLock { $0.total } }
}
