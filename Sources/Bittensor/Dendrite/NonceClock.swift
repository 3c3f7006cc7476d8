import Foundation
import Synchronization

/// Nanosecond Unix-time nonces, strictly increasing per clock (one per dendrite), even when
/// many requests are signed within the same nanosecond or the wall clock steps back.
public final class NonceClock: Sendable {
    private let last = Mutex<Int>(0)

    public init() {}

    /// The next nonce: `max(now_ns, previous + 1)`.
    public func next() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let now = ts.tv_sec * 1_000_000_000 + ts.tv_nsec
        return last.withLock { l in
            l = max(now, l + 1)
            return l
        }
    }
}
