import Foundation

/// Which challenge history the statistics look at: a sliding time window on absolute (UTC)
/// timestamps, plus each miner's most recent challenges regardless of age.
///
/// The original compared calendar dates mixing UTC and local time (an effective 12–36 h window);
/// this is a real sliding window: a row counts iff `now − duration ≤ createdAt ≤ now`.
public struct StatsWindow: Sendable, Hashable, Codable {
    /// Length of the sliding window in seconds (24 h).
    public var duration: TimeInterval
    /// How many of a miner's most recent challenges feed the "last N" aggregates (20).
    public var recentCount: Int

    public init(duration: TimeInterval = 24 * 3600, recentCount: Int = 20) {
        self.duration = duration
        self.recentCount = recentCount
    }

    /// The oldest timestamp still inside the window ending at `now`.
    public func start(endingAt now: Date) -> Date { now.addingTimeInterval(-duration) }
}

/// A miner's challenge statistics (`select_challenge_stats` of the original, §7.1).
///
/// Window aggregates cover the sliding window; the `recent*` aggregates cover the miner's
/// `recentCount` most recent challenges of all time (newest first by time, then by insertion).
public struct MinerStats: Sendable, Hashable, Codable {
    public var hotkey: String
    /// Challenges in the window.
    public var attempts: Int
    /// Failed challenges in the window (wrong answer or no answer).
    public var failures: Int
    /// Successful challenges in the window.
    public var successes: Int
    /// Mean elapsed seconds of the window's successful challenges; `nil` without a success.
    public var averageElapsed: Double?
    /// Mean difficulty of the window's successful challenges; `nil` without a success.
    public var averageDifficulty: Double?
    /// Failures among the miner's `recentCount` most recent challenges.
    public var recentFailures: Int
    /// Mean difficulty of the miner's `recentCount` most recent *successful* challenges.
    public var recentAverageDifficulty: Double?

    public init(
        hotkey: String, attempts: Int, failures: Int, successes: Int,
        averageElapsed: Double?, averageDifficulty: Double?,
        recentFailures: Int, recentAverageDifficulty: Double?
    ) {
        self.hotkey = hotkey
        self.attempts = attempts
        self.failures = failures
        self.successes = successes
        self.averageElapsed = averageElapsed
        self.averageDifficulty = averageDifficulty
        self.recentFailures = recentFailures
        self.recentAverageDifficulty = recentAverageDifficulty
    }

    /// Statistics per hotkey computed from raw records — the reference the SQL query is tested
    /// against. Like the original, a hotkey appears only when it has a record in the window.
    public static func aggregate(_ records: [ChallengeRecord], window: StatsWindow = StatsWindow(), now: Date) -> [String: MinerStats] {
        let start = window.start(endingAt: now)
        // Stable sort keeps insertion order among equal timestamps; reversed → newest first.
        let byHotkey = Dictionary(grouping: records.enumerated(), by: { $0.element.hotkey })
        var result: [String: MinerStats] = [:]
        for (hotkey, entries) in byHotkey {
            let newestFirst = entries
                .sorted { ($0.element.createdAt, $0.offset) > ($1.element.createdAt, $1.offset) }
                .map(\.element)
                .filter { $0.createdAt <= now }
            let inWindow = newestFirst.filter { $0.createdAt >= start }
            guard !inWindow.isEmpty else { continue }
            let successes = inWindow.filter(\.success)
            let recent = newestFirst.prefix(window.recentCount)
            let recentSuccesses = newestFirst.filter(\.success).prefix(window.recentCount)
            result[hotkey] = MinerStats(
                hotkey: hotkey,
                attempts: inWindow.count,
                failures: inWindow.count - successes.count,
                successes: successes.count,
                averageElapsed: mean(successes.compactMap(\.elapsed)),
                averageDifficulty: mean(successes.map { Double($0.difficulty) }),
                recentFailures: recent.filter { !$0.success }.count,
                recentAverageDifficulty: mean(recentSuccesses.map { Double($0.difficulty) })
            )
        }
        return result
    }

    private static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
