import Bittensor
import Foundation
import ServiceLifecycle

/// What one challenge round did (logged, and served in `/status`).
public struct ChallengeRoundReport: Sendable, Codable, Hashable {
    public var id: String
    public var block: UInt64
    public var targets: Int
    public var successes: Int
    public var wrong: Int
    public var timeouts: Int
    public var unreachable: Int
    /// Rows newly written (fewer than `targets` when the round was already stored).
    public var stored: Int
    /// Seconds from planning to the committed write.
    public var seconds: Double
    /// The slowest answer received, in seconds (`nil` without any answer).
    public var slowestAnswer: Double?
}

/// Challenge rounds (spec §9.4, with §19.7's measurement at the validator kept): every 50–80
/// blocks, one proof-of-work challenge per queryable miner at the difficulty its history calls
/// for, sent concurrently (`challengeBatchSize` at a time) with `challengeTimeout`; answers
/// are verified here and timed from send to verify; all results are written in one
/// transaction under a round id that is stable for (validator, block), so a round cut short
/// writes nothing and a replay writes no duplicates.
public struct ChallengeService: Service {
    let context: ValidatorContext
    let generator: ChallengeGenerator
    let verifier = ChallengeVerifier()

    public init(context: ValidatorContext) {
        self.context = context
        let d = context.configuration.difficulty
        generator = ChallengeGenerator(bounds: d.min...d.max)
    }

    /// Runs the round of `block` against the latest synced metagraph (fetched when none yet).
    public func runRound(at block: UInt64) async throws -> ChallengeRoundReport {
        let started = ContinuousClock.now
        let config = context.configuration
        let metagraph: Metagraph
        if let synced = await context.state.metagraph { metagraph = synced } else {
            metagraph = try await context.chain.metagraph(netuid: context.netuid)
        }
        let stats = try await context.store.stats(window: config.statsWindow, now: context.now())
        let skipping = config.skipAllocatedMiners ? await context.state.verifiedAllocations : []
        let round = ChallengeRound(validatorHotkey: context.hotkey.ss58Address, block: block,
                                   miners: context.queryable(metagraph), stats: stats,
                                   difficulty: config.difficulty, skipping: skipping)
        let answers = await challenge(round.targets)
        // A round cancelled mid-flight (shutdown) writes nothing; its replay starts afresh.
        try Task.checkCancellation()
        var outcomes: [UInt16: ChallengeRound.Outcome] = [:]
        var counts: [ValidatorMetrics.AnswerOutcome: Int] = [:]
        for (uid, kind, outcome) in answers {
            outcomes[uid] = outcome
            counts[kind, default: 0] += 1
        }
        let stored = try await context.store.record(round: round.record(outcomes: outcomes, at: context.now()))
        // Keep the table small: rows older than the window, except each miner's last 20.
        try await context.store.prune(olderThan: config.statsWindow.start(endingAt: context.now()),
                                      keepingRecent: config.statsWindow.recentCount)
        for (kind, count) in counts { context.metrics.answered(kind, count: count) }
        let report = ChallengeRoundReport(
            id: round.id, block: block, targets: round.targets.count, successes: counts[.success] ?? 0,
            wrong: counts[.wrong] ?? 0, timeouts: counts[.timeout] ?? 0, unreachable: counts[.unreachable] ?? 0,
            stored: stored, seconds: secondsSince(started),
            slowestAnswer: answers.compactMap { $0.outcome.elapsed }.max())
        context.metrics.roundFinished("challenge", seconds: report.seconds)
        await context.state.record(challenge: report)
        context.logger.info("challenge round done", metadata: [
            "round": "\(report.id)", "miners": "\(report.targets)", "success": "\(report.successes)",
            "wrong": "\(report.wrong)", "timeout": "\(report.timeouts)", "unreachable": "\(report.unreachable)",
            "seconds": "\(String(format: "%.2f", report.seconds))",
        ])
        return report
    }

    /// Challenges every target, at most `challengeBatchSize` at once.
    func challenge(_ targets: [ChallengeRound.Target]) async
        -> [(uid: UInt16, kind: ValidatorMetrics.AnswerOutcome, outcome: ChallengeRound.Outcome)] {
        let limit = max(1, context.configuration.challengeBatchSize)
        return await withTaskGroup(of: (UInt16, ValidatorMetrics.AnswerOutcome, ChallengeRound.Outcome).self) { group in
            var results: [(uid: UInt16, kind: ValidatorMetrics.AnswerOutcome, outcome: ChallengeRound.Outcome)] = []
            var next = 0
            func add() {
                let target = targets[next]
                next += 1
                group.addTask { await self.challenge(target) }
            }
            while next < targets.count && next < limit { add() }
            while let (uid, kind, outcome) = await group.next() {
                results.append((uid, kind, outcome))
                if next < targets.count { add() }
            }
            return results
        }
    }

    /// One challenge: generate, send, verify; elapsed from send to verify.
    func challenge(_ target: ChallengeRound.Target) async -> (UInt16, ValidatorMetrics.AnswerOutcome, ChallengeRound.Outcome) {
        let issued = generator.generate(difficulty: target.difficulty).challenge
        let synapse = Challenge(hash: issued.hash, salt: issued.salt, mode: issued.mode, chars: issued.chars,
                                mask: issued.mask, difficulty: issued.difficulty)
        let axon = AxonEndpoint(ip: target.ip, port: Int(target.port), hotkey: target.hotkey)
        let started = ContinuousClock.now
        let reply = await context.dendrite.call(axon: axon, synapse: synapse, timeout: context.configuration.challengeTimeout)
        guard reply.isSuccess else {
            let kind: ValidatorMetrics.AnswerOutcome = reply.dendrite.statusCode == 408 ? .timeout : .unreachable
            return (target.uid, kind, ChallengeRound.Outcome(success: false, elapsed: nil))
        }
        let verified = verifier.verify(reply.output["password"]?.stringValue, for: issued)
        let elapsed = secondsSince(started)
        return (target.uid, verified ? .success : .wrong, ChallengeRound.Outcome(success: verified, elapsed: elapsed))
    }

    public func run() async throws {
        let context = self.context
        // The next round comes after a random number of blocks, whether this one worked or not.
        @Sendable func scheduleAfter(_ block: UInt64) async -> UInt64 {
            var rng = SystemRandomNumberGenerator()
            let next = context.configuration.challengeSchedule.nextRound(after: block, using: &rng)
            await context.state.record(nextChallengeBlock: next)
            return next
        }
        try await BlockRounds(context: context, name: "challenge round").run(round: { block in
            _ = try await self.runRound(at: block)
            return await scheduleAfter(block)
        }, afterFailure: scheduleAfter)
    }
}
