import Foundation

/// The summary of `bench validator` (the `--json` object; snake_case keys).
package struct BenchValidatorResult: Codable, Sendable {
    package struct Spread: Codable, Sendable {
        package var p50: Double
        package var p90: Double
        package var max: Double
        package var mean: Double

        package init(_ values: [Double], scale: Double = 1) {
            let sorted = values.map { $0 * scale }.sorted()
            func at(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[Swift.max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
            }
            p50 = Self.round(at(0.5)); p90 = Self.round(at(0.9)); max = Self.round(sorted.last ?? 0)
            mean = Self.round(sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count))
        }

        package static func round(_ v: Double) -> Double { (v * 10_000).rounded() / 10_000 }
    }

    package var miners: Int
    package var rounds: Int
    package var difficulty: Int
    package var miners_in_child_process: Bool
    /// Challenges in flight at once (`challengeBatchSize`).
    package var batch_size: Int?
    /// The slowest miner's configured delay.
    package var slowest_configured_s: Double
    /// Wall time around the validator's `runRound`.
    package var round_s: Spread
    /// The slowest answer of each round, as the validator measured it (send → verified).
    package var slowest_answer_s: Spread
    /// Round wall time − slowest answer (the goal: < 1 s).
    package var overhead_s: Spread
    /// Round wall time − the slowest miner's configured delay (adds transport and queueing of the slowest answer).
    package var overhead_beyond_configured_s: Spread
    package var challenges: Int
    package var verified: Int
    package var failed_challenges: Int
    /// Validator process CPU (user + system) per challenge: signing, HTTP, verifying, planning, SQLite.
    package var validator_cpu_ms_per_request: Spread
    /// Miner process CPU per challenge (axon verification, solving, answering); nil in-process.
    package var miners_cpu_ms_per_request: Double?
    /// Simulated minutes between rounds (stored timestamps; the 24 h window and pruning).
    package var minutes_per_round: Double
    /// The statistics read a round starts with, replayed on the shadow store.
    package var sqlite_stats_read_ms: Spread
    /// Challenge rows held after each round's prune: after the first measured round, the last, the most.
    package var rows_first: Int
    package var rows_last: Int
    package var rows_max: Int
    /// The round's one-transaction insert of all results, replayed on a shadow store with the same rows.
    package var sqlite_write_ms: Spread
    /// The round's prune, replayed the same way.
    package var sqlite_prune_ms: Spread
    /// Validator resident memory after each round: the first measured round, the last, the largest.
    package var rss_first_kib: Int
    package var rss_last_kib: Int
    package var rss_max_kib: Int
    package var rss_second_half_growth_kib: Int
    /// Resident memory (KiB) after the first round and at 25, 50, 75 and 100 % of the rounds.
    package var rss_trace_kib: [Int]
    package var miners_rss_trace_kib: [Int]?
    package var open_descriptors: Int
    /// The original validator's round (bounded by its 30 s challenge timeout).
    package var anchor_round_s: Double
    /// anchor_round_s / round_s.p50.
    package var speedup_vs_anchor: Double
    package var overhead_goal_s: Double
    package var overhead_goal_met: Bool
    /// Rounds whose overhead reached the goal (machine noise shows here first).
    package var rounds_over_goal: Int

    /// The most a round may take beyond its slowest answer.
    package static let overheadGoalSeconds = 1.0

    package init(samples: [RoundSample], miners: Int, slowestConfigured: Double, difficulty: Int, minutesPerRound: Double, minersInChild: Bool,
         minersCPUTotal: Double, descriptors: Int, anchorRoundSeconds: Double) {
        let requests = Double(Swift.max(1, miners))
        self.miners = miners
        rounds = samples.count
        self.difficulty = difficulty
        miners_in_child_process = minersInChild
        slowest_configured_s = slowestConfigured
        round_s = Spread(samples.map(\.wall))
        slowest_answer_s = Spread(samples.map { $0.report.slowestAnswer ?? 0 })
        overhead_s = Spread(samples.map { $0.wall - ($0.report.slowestAnswer ?? 0) })
        overhead_beyond_configured_s = Spread(samples.map { $0.wall - slowestConfigured })
        challenges = samples.reduce(0) { $0 + $1.report.targets }
        verified = samples.reduce(0) { $0 + $1.report.successes }
        failed_challenges = challenges - verified
        validator_cpu_ms_per_request = Spread(samples.map { $0.validatorCPU / requests }, scale: 1000)
        miners_cpu_ms_per_request = minersInChild
            ? Spread.round(minersCPUTotal * 1000 / Double(Swift.max(1, challenges))) : nil
        minutes_per_round = minutesPerRound
        sqlite_stats_read_ms = Spread(samples.map(\.stats), scale: 1000)
        rows_first = samples.first?.rows ?? 0
        rows_last = samples.last?.rows ?? 0
        rows_max = samples.map(\.rows).max() ?? 0
        let marks = samples.isEmpty ? [] : [0, 1, 2, 3, 4].map { Swift.max(0, samples.count * $0 / 4 - 1) }
        rss_trace_kib = marks.map { samples[$0].rssKiB }
        miners_rss_trace_kib = minersInChild ? marks.map { samples[$0].minersRSSKiB ?? 0 } : nil
        sqlite_write_ms = Spread(samples.map(\.write), scale: 1000)
        sqlite_prune_ms = Spread(samples.map(\.prune), scale: 1000)
        let rss = samples.map(\.rssKiB)
        rss_first_kib = rss.first ?? 0
        rss_last_kib = rss.last ?? 0
        rss_max_kib = rss.max() ?? 0
        rss_second_half_growth_kib = (rss.last ?? 0) - (rss.isEmpty ? 0 : rss[rss.count / 2])
        open_descriptors = descriptors
        anchor_round_s = anchorRoundSeconds
        speedup_vs_anchor = Spread.round(round_s.p50 > 0 ? anchorRoundSeconds / round_s.p50 : 0)
        overhead_goal_s = Self.overheadGoalSeconds
        overhead_goal_met = overhead_s.max < overhead_goal_s
        rounds_over_goal = samples.filter { $0.wall - ($0.report.slowestAnswer ?? 0) >= Self.overheadGoalSeconds }.count
    }

    package func table() -> String {
        func f(_ v: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", v) }
        var t = TextTable([("measure", .left), ("p50", .right), ("p90", .right), ("max", .right), ("mean", .right)])
        func add(_ name: String, _ s: Spread, _ digits: Int = 3) {
            t.append([name, f(s.p50, digits), f(s.p90, digits), f(s.max, digits), f(s.mean, digits)])
        }
        add("round wall (s)", round_s)
        add("slowest answer (s)", slowest_answer_s)
        add("overhead = round − slowest (s)", overhead_s)
        add("round − configured slowest (s)", overhead_beyond_configured_s)
        add("validator CPU / request (ms)", validator_cpu_ms_per_request)
        add("SQLite stats read (ms)", sqlite_stats_read_ms)
        add("SQLite round write, 1 txn (ms)", sqlite_write_ms)
        add("SQLite prune (ms)", sqlite_prune_ms)
        var lines = [
            "validator round benchmark: \(miners) miners (\(miners_in_child_process ? "child process" : "in process")), "
                + "\(rounds) rounds after a warm-up, difficulty \(difficulty), slowest miner answers after \(f(slowest_configured_s, 2)) s"
                + (batch_size.map { ", \($0) challenges in flight at once" } ?? ""),
            t.render(),
            "challenges verified: \(verified) of \(challenges); rows kept: \(rows_first) after round 1, \(rows_last) at the end, "
                + "max \(rows_max) (stored time advances \(f(minutes_per_round, 0)) min per round; 24 h window)",
        ]
        if let m = miners_cpu_ms_per_request { lines.append("miners CPU / request: \(f(m)) ms (axon verify + solve + answer, child process)") }
        lines.append("validator RSS: \(rss_first_kib) KiB after round 1, \(rss_last_kib) KiB after round \(rounds), max \(rss_max_kib) KiB, "
                     + "second-half growth \(rss_second_half_growth_kib) KiB")
        lines.append("validator RSS trace (KiB, after round 1 / 25 / 50 / 75 / 100 %): "
                     + rss_trace_kib.map(String.init).joined(separator: " / "))
        if let trace = miners_rss_trace_kib {
            lines.append("miners RSS trace (KiB, same points): " + trace.map(String.init).joined(separator: " / "))
        }
        lines.append("open descriptors (validator): \(open_descriptors)")
        lines.append("overhead goal < \(f(overhead_goal_s, 1)) s: \(overhead_goal_met ? "met" : "NOT met") in every round (max \(f(overhead_s.max)) s; "
                     + "\(rounds_over_goal) of \(rounds) rounds at or over)")
        lines.append("anchor: original round ≈\(f(anchor_round_s, 0)) s (bounded by its 30 s timeout, targets.md) → "
                     + "ratio \(f(speedup_vs_anchor, 1))× (anchor / p50 round wall)")
        return lines.joined(separator: "\n")
    }
}
