import Bittensor
import Foundation

/// One challenge round planned from pure inputs: whom to challenge at which difficulty, and how
/// the answers become the round's stored results.
public struct ChallengeRound: Sendable, Hashable {
    /// A miner to challenge.
    public struct Target: Sendable, Hashable {
        public var uid: UInt16
        public var hotkey: String
        public var ip: String
        public var port: UInt16
        public var difficulty: Int
    }

    /// What the validator observed for one target.
    public struct Outcome: Sendable, Hashable {
        /// The answer verified against the challenge.
        public var success: Bool
        /// Seconds from sending to verifying, measured at the validator; `nil`: no answer.
        public var elapsed: Double?

        public init(success: Bool, elapsed: Double?) {
            self.success = success
            self.elapsed = elapsed
        }
    }

    /// Stable across restarts: the same validator at the same block plans the same round id, so
    /// a replayed round writes no duplicate rows.
    public var id: String
    public var block: UInt64
    public var targets: [Target]

    /// The round id of `validatorHotkey`'s round started at `block`.
    public static func id(validatorHotkey: String, block: UInt64) -> String { "\(validatorHotkey)/\(block)" }

    /// Plans a round: one challenge per miner, at the difficulty its history calls for.
    /// - Parameters:
    ///   - miners: the queryable miners (`MinerSelection`).
    ///   - stats: statistics per hotkey (`ValidatorStore.stats`).
    ///   - skipping: hotkeys not to challenge (e.g. allocated miners, if the operator chooses).
    public init(
        validatorHotkey: String, block: UInt64, miners: [NeuronInfo], stats: [String: MinerStats],
        difficulty: DifficultyController, skipping: Set<String> = []
    ) {
        id = Self.id(validatorHotkey: validatorHotkey, block: block)
        self.block = block
        targets = miners.filter { !skipping.contains($0.hotkey) }.map { n in
            Target(uid: n.uid, hotkey: n.hotkey, ip: n.axon.ip, port: n.axon.port, difficulty: difficulty.next(stats[n.hotkey]))
        }
    }

    /// The round's results to store: every target gets a row; a target without an outcome
    /// (timed out, unreachable) is a failure without elapsed time.
    public func record(outcomes: [UInt16: Outcome], at date: Date) -> RoundRecord {
        RoundRecord(id: id, results: targets.map { t in
            let outcome = outcomes[t.uid]
            return ChallengeRecord(uid: t.uid, hotkey: t.hotkey, success: outcome?.success ?? false,
                                   elapsed: outcome?.elapsed, difficulty: t.difficulty, createdAt: date)
        })
    }
}

/// When a validator runs its challenge rounds: every 50–80 blocks, drawn anew each round
/// (spec §9.2), so validators do not hit the miners in lockstep.
public struct ChallengeSchedule: Sendable, Hashable {
    public var intervals: ClosedRange<UInt64>

    public init(intervals: ClosedRange<UInt64> = 50...80) {
        self.intervals = intervals
    }

    /// The block of the next round after a round at `block`.
    public func nextRound<G: RandomNumberGenerator>(after block: UInt64, using generator: inout G) -> UInt64 {
        block + UInt64.random(in: intervals, using: &generator)
    }
}
