import Foundation

/// Per-key token buckets: each key may make `burst` requests at once and `perSecond` more every
/// second after. Keys are never created by the client (only known keys get a bucket), so the
/// table stays as small as the key list.
public actor RateLimiter {
    public struct Limit: Sendable, Hashable {
        /// Requests a key may make at once.
        public var burst: Double
        /// Requests per second refilled.
        public var perSecond: Double

        public init(burst: Double = 20, perSecond: Double = 5) {
            self.burst = burst
            self.perSecond = perSecond
        }
    }

    public nonisolated let limit: Limit
    private var buckets: [Int64: (tokens: Double, at: ContinuousClock.Instant)] = [:]

    public init(limit: Limit = Limit()) { self.limit = limit }

    /// Takes one token from `key`'s bucket; `false` when it is empty (answer 429).
    public func admit(key: Int64, now: ContinuousClock.Instant = .now) -> Bool {
        var (tokens, at) = buckets[key] ?? (limit.burst, now)
        let elapsed = at < now ? Self.seconds(now - at) : 0
        tokens = min(limit.burst, tokens + elapsed * limit.perSecond)
        guard tokens >= 1 else {
            buckets[key] = (tokens, now)
            return false
        }
        buckets[key] = (tokens - 1, now)
        return true
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
