import Synchronization

/// Counts an axon's open connections, in total and per remote IP, so a flood of idle or slow
/// connections is refused at accept instead of holding buffers and file descriptors.
final class ConnectionLimiter: Sendable {
    private struct Counts {
        var total = 0
        var perIP: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())
    let maxTotal: Int
    let maxPerIP: Int

    init(maxTotal: Int, maxPerIP: Int) {
        self.maxTotal = max(1, maxTotal)
        self.maxPerIP = max(1, maxPerIP)
    }

    /// Takes a slot for `ip`; false when the total or that IP's cap is reached (nothing taken).
    func admit(_ ip: String) -> Bool {
        counts.withLock { c in
            guard c.total < maxTotal, c.perIP[ip, default: 0] < maxPerIP else { return false }
            c.total += 1
            c.perIP[ip, default: 0] += 1
            return true
        }
    }

    /// Gives back a slot taken by `admit(ip)`.
    func release(_ ip: String) {
        counts.withLock { c in
            c.total -= 1
            let n = c.perIP[ip, default: 1] - 1
            c.perIP[ip] = n > 0 ? n : nil
        }
    }

    /// Open connections now (for tests and benchmarks).
    var open: Int { counts.withLock { $0.total } }
}
