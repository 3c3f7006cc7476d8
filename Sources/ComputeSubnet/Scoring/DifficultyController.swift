import Foundation

/// Picks the next challenge difficulty of a miner from its history (`calc_difficulty` of the
/// canonical end state, spec §7.2, 1.4.2 → 1.5.0), with configurable bounds.
///
/// - base = ⌈mean difficulty of the last 20 successful challenges⌉, or `min` without one;
/// - with more than 4 successes in the window, r = (failures in the last 20) / 20:
///   r < 0.10 → base + 2; r < 0.20 → base + 1; r > 0.25 → base − 1; else base;
/// - no challenge in the window → `min`; the result is clamped to `min…max`.
///
/// One deliberate change: the step *down* (r > 0.25) applies even with ≤ 4 successes. In the
/// original, a miner whose recent successes were at 12 but who now fails everything has no
/// successes in the window, so it stayed at 12 forever; failures alone now bring it down.
public struct DifficultyController: Sendable, Hashable {
    /// Lowest difficulty handed out (6).
    public var min: Int
    /// Highest difficulty handed out (12).
    public var max: Int
    /// Successes in the window required before the difficulty may rise (more than 4).
    public var minimumSuccessesToRise: Int = 5
    /// The "last N" size the failure ratio divides by (20).
    public var recentCount: Int = 20

    /// - Throws: `ScoringError.invalidDifficultyBounds` unless `1 ≤ min ≤ max`.
    public init(min: Int = 6, max: Int = 12) throws(ScoringError) {
        guard min >= 1, min <= max else { throw ScoringError.invalidDifficultyBounds(min: min, max: max) }
        self.min = min
        self.max = max
    }

    /// The difficulty of the miner's next challenge.
    public func next(_ stats: MinerStats?) -> Int {
        guard let stats, stats.attempts > 0 else { return min }
        let base = stats.recentAverageDifficulty.map { Int($0.rounded(.up)) } ?? min
        let ratio = recentCount == 0 ? 0 : Double(stats.recentFailures) / Double(recentCount)
        var next = base
        if ratio > 0.25 {
            next = base - 1
        } else if stats.successes >= minimumSuccessesToRise {
            if ratio < 0.10 { next = base + 2 } else if ratio < 0.20 { next = base + 1 }
        }
        return Swift.min(Swift.max(next, min), max)
    }
}

/// Bad scoring parameters.
public enum ScoringError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidDifficultyBounds(min: Int, max: Int)

    public var description: String {
        switch self {
        case let .invalidDifficultyBounds(min, max):
            "invalid difficulty bounds \(min)…\(max): need 1 ≤ min ≤ max"
        }
    }
}
