/// When the devnet's blocks happen.
///
/// Only the `devnet start` process produces blocks (one producer per devnet, enforced by
/// `ProducerLock`); it ticks every `interval` on the monotonic clock, catching up at most one
/// tick after a stall (a suspended laptop does not mint a burst of blocks). Every other process
/// reads the block number from the store.
///
/// When no producer runs, the chain is halted: the block number stays at the last produced
/// block, exactly like a real chain whose nodes are stopped. Deriving the block from the wall
/// clock instead would let rate limits and immunity periods pass while no epoch runs, so neurons
/// would see a chain that moves but never pays. Tests and scripts that need blocks without a
/// producer call `DevnetChain.advance(blocks:)`.
public struct BlockClock: Sendable {
    /// Time between blocks.
    public let interval: Duration

    /// A clock ticking every `seconds` (fractions allowed, e.g. 0.25 for demos).
    public init(seconds: Double) throws(DevnetError) {
        guard seconds.isFinite, seconds >= 0.01 else {
            throw .invalidArgument("block time must be at least 0.01 s, got \(seconds)")
        }
        interval = .nanoseconds(Int64(seconds * 1e9))
    }

    /// Ticks forever (until the task is cancelled, when the sequence ends).
    public func ticks() -> Ticks { Ticks(interval: interval) }

    /// The tick sequence: element n is the n-th tick since the sequence started (from 1).
    public struct Ticks: AsyncSequence, Sendable {
        public typealias Element = UInt64
        let interval: Duration

        public func makeAsyncIterator() -> Iterator { Iterator(interval: interval, deadline: .now) }

        public struct Iterator: AsyncIteratorProtocol {
            let interval: Duration
            var deadline: ContinuousClock.Instant
            var count: UInt64 = 0

            public mutating func next() async -> UInt64? {
                deadline += interval
                let now = ContinuousClock.now
                if deadline < now - interval { deadline = now }   // stalled: resume, don't burst
                do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return nil }
                count += 1
                return count
            }
        }
    }
}
