/// The beacon round a commit-reveal v4 commit is encrypted to, as bittensor-drand 2.0.0's
/// `generate_commit_v2` computes it: predict the first reveal block from the epoch schedule,
/// aim `EpochSchedule.securityBlockOffset` blocks later, turn the blocks into seconds with the
/// chain's block time, and take the beacon round at that moment rounded down (at least 1).
public struct RevealRound: Sendable, Hashable {
    /// The round to encrypt to and pass as `reveal_round`.
    public var round: UInt64
    /// The block the chain is predicted to reveal at.
    public var revealBlock: UInt64

    /// - Parameters:
    ///   - schedule: the epoch schedule read at the head.
    ///   - revealPeriodEpochs: the subnet's `RevealPeriodEpochs` (hyperparameter `commit_reveal_period`).
    ///   - blockTime: seconds per block (12 on finney; the SDK's `block_time`).
    ///   - beacon: the beacon clock (genesis and period).
    ///   - now: Unix time in seconds (the SDK reads the wall clock here).
    public init(schedule: EpochSchedule, revealPeriodEpochs: UInt64, blockTime: Double,
                beacon: TimelockBeacon, now: Double) throws(EpochScheduleError) {
        let first = try schedule.firstRevealBlock(revealPeriodEpochs: revealPeriodEpochs)
        let target = first.addingClamped(EpochSchedule.securityBlockOffset)
        let blocks = target.subtractingClamped(schedule.currentBlock)
        let targetSeconds = now + Double(blocks) * blockTime
        // Rust's `f64 as u64` saturates: negative and NaN → 0, too large → u64::MAX.
        let raw = ((targetSeconds - beacon.genesis) / beacon.period).rounded(.down)
        let value: UInt64 = raw.isNaN || raw <= 0 ? 0 : (raw >= 18_446_744_073_709_551_615 ? .max : UInt64(raw))
        round = max(value, 1)
        revealBlock = first
    }
}
