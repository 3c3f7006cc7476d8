import Foundation
import Synchronization

/// The validator's wall clock in the benchmark: rounds follow each other in real time, but the
/// stored timestamps advance by a chain-realistic interval per round (the original's 50–80
/// blocks of 12 s ≈ 15 minutes), so the 24-hour statistics window fills and pruning reaches
/// its steady state — the table a long-running validator really holds — within the run.
package final class SimulatedClock: Sendable {
    private let current: Mutex<Date>
    package let step: TimeInterval

    package init(start: Date = Date(), step: TimeInterval) {
        current = Mutex(start)
        self.step = step
    }

    package var now: Date { current.withLock { $0 } }

    /// Moves to the next round's time.
    package func advance() { current.withLock { $0 = $0.addingTimeInterval(step) } }
}
