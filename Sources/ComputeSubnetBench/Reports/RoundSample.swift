import ComputeSubnet

/// What one measured round gave.
package struct RoundSample: Sendable {
    package var report: ChallengeRoundReport
    /// Seconds around `runRound` (plan, challenge, verify, write, prune).
    package var wall: Double
    package var validatorCPU: Double
    package var minersCPU: Double
    /// The statistics read the round starts with, replayed on the shadow store.
    package var stats: Double
    package var write: Double
    package var prune: Double
    /// Challenge rows kept after the round's prune.
    package var rows: Int
    package var rssKiB: Int
    package var minersRSSKiB: Int?

    package init(report: ChallengeRoundReport, wall: Double, validatorCPU: Double, minersCPU: Double, stats: Double,
                 write: Double, prune: Double, rows: Int, rssKiB: Int, minersRSSKiB: Int?) {
        self.report = report
        self.wall = wall
        self.validatorCPU = validatorCPU
        self.minersCPU = minersCPU
        self.stats = stats
        self.write = write
        self.prune = prune
        self.rows = rows
        self.rssKiB = rssKiB
        self.minersRSSKiB = minersRSSKiB
    }
}
