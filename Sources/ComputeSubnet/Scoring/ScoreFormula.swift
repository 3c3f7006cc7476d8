import Foundation

/// The score of one miner, as the seed defines it (issue 8; the 1.4.1 weights of spec §8.2,
/// with the difficulty and time terms made linear and the allocation reward on top of the best
/// challenge score, as spec §19.6/§21 recommend).
///
/// Components, each 0…100:
/// - S = 100 · successes / attempts (window)
/// - D = 100 · (clamp(mean difficulty of the window's successes, 6, 12) − 6) / 6
/// - T = 100 · (30 − mean elapsed of the window's successes) / 30, clamped to 0…100
/// - F = 100 · (failures among the last 20) / 20
/// - A = D
///
/// Not allocated: `1.0·S + 1.0·D + 0.5·T − 0.5·F`, floored at 0 (at most 250).
/// Allocated: `250 + 0.4·A` (250…290), so renting a machine out always beats any challenge score.
/// Zero, unless allocated: no success in the window, or ≥ 10 of the last 20 challenges failed.
/// Penalised (by this validator's operator): zero, allocated or not.
public struct ScoreFormula: Sendable, Hashable, Codable {
    /// Weight of the success rate S.
    public var successWeight: Double = 1.0
    /// Weight of the difficulty D.
    public var difficultyWeight: Double = 1.0
    /// Weight of the time T.
    public var timeWeight: Double = 0.5
    /// Weight of the failure penalty F.
    public var failureWeight: Double = 0.5
    /// Weight of the allocation bonus A.
    public var allocationWeight: Double = 0.4
    /// Difficulty that earns D = 0.
    public var minDifficulty: Double = 6
    /// Difficulty that earns D = 100.
    public var maxDifficulty: Double = 12
    /// The challenge timeout in seconds: an answer this slow earns T = 0.
    public var timeout: Double = 30
    /// Size of the "last N challenges" window F is computed over.
    public var recentCount: Int = 20
    /// Failures among the last `recentCount` that zero a non-allocated miner's score.
    public var zeroFailureThreshold: Int = 10

    public init() {}

    /// The best score a miner can earn by answering challenges: `100·(W_S + W_D + W_T)` = 250.
    public var maxChallengeScore: Double { 100 * (successWeight + difficultyWeight + timeWeight) }

    /// The best score of all: an allocated miner at maximum difficulty, `250 + 100·W_A` = 290.
    public var maxScore: Double { maxChallengeScore + 100 * allocationWeight }

    /// The five components of a miner's score, each 0…100.
    public struct Components: Sendable, Hashable, Codable {
        public var success: Double
        public var difficulty: Double
        public var time: Double
        public var failure: Double
        public var allocation: Double
    }

    /// The components for `stats`; all zero without statistics.
    public func components(_ stats: MinerStats?) -> Components {
        guard let stats else { return Components(success: 0, difficulty: 0, time: 0, failure: 0, allocation: 0) }
        let s = stats.attempts == 0 ? 0 : 100 * Double(stats.successes) / Double(stats.attempts)
        let d: Double
        if let avg = stats.averageDifficulty, maxDifficulty > minDifficulty {
            d = 100 * (min(max(avg, minDifficulty), maxDifficulty) - minDifficulty) / (maxDifficulty - minDifficulty)
        } else {
            d = 0
        }
        // No successful answer → no time credit (the original's percent_yield gave 100 for a
        // missing average; the zero rule hides that, but the component should not lie).
        let t = stats.averageElapsed.map { min(max(100 * (timeout - $0) / timeout, 0), 100) } ?? 0
        let f = recentCount == 0 ? 0 : min(100 * Double(stats.recentFailures) / Double(recentCount), 100)
        return Components(success: s, difficulty: d, time: t, failure: f, allocation: d)
    }

    /// The score of one miner (0…`maxScore`).
    /// - Parameters:
    ///   - stats: its statistics, `nil` when it has no challenge in the window.
    ///   - allocated: it holds an active lease this validator (or its register CLI) created and still verifies.
    ///   - penalized: this validator's operator penalised its hotkey.
    public func score(_ stats: MinerStats?, allocated: Bool = false, penalized: Bool = false) -> Double {
        if penalized { return 0 }
        let c = components(stats)
        if allocated { return maxChallengeScore + allocationWeight * c.allocation }
        guard let stats, stats.successes > 0, stats.recentFailures < zeroFailureThreshold else { return 0 }
        let raw = successWeight * c.success + difficultyWeight * c.difficulty
            + timeWeight * c.time - failureWeight * c.failure
        return max(raw, 0)
    }

    /// Scores by hotkey for one weights round: every hotkey with statistics, plus allocated
    /// hotkeys without any (a rented machine is not challenged, yet keeps its reward).
    /// - Parameters:
    ///   - stats: statistics per hotkey (`ValidatorStore.stats`).
    ///   - allocated: hotkeys with an active, verified lease of this validator.
    ///   - penalized: hotkeys this validator's operator penalised.
    public func scores(stats: [String: MinerStats], allocated: Set<String> = [], penalized: Set<String> = []) -> [String: Double] {
        var result: [String: Double] = [:]
        for hotkey in Set(stats.keys).union(allocated) {
            result[hotkey] = score(stats[hotkey], allocated: allocated.contains(hotkey), penalized: penalized.contains(hotkey))
        }
        return result
    }
}
