import Bittensor
import Foundation
import ServiceLifecycle

/// What one weights attempt did.
public struct WeightsReport: Sendable, Codable, Hashable {
    public var block: UInt64
    /// Length of the weight vector (uids 0..<n).
    public var uids: Int
    /// Uids with a non-zero weight.
    public var nonZero: Int
    /// Why the chain refused, `nil` when the weights landed.
    public var error: String?
    /// Whether the weights were committed timelocked (commit-reveal) rather than set; `nil` before submitting.
    public var commitReveal: Bool? = nil
    /// The block from which the chain reveals a commit.
    public var revealBlock: UInt64? = nil
}

/// Sets weights (spec §8.6, §9.2): every `weightsInterval` blocks (default the subnet's
/// `weights_rate_limit`), scores from this validator's own database (statistics, verified
/// allocations, penalties) → L1-normalised weights over all uids (validators 0) →
/// `setWeights` with our `version_key`, or, when the subnet has commit-reveal on (finney SN27),
/// a timelocked commit (`TimelockedWeights`) for mechanism `configuration.mecid` that the chain
/// reveals and applies epochs later. Refused as `SettingWeightsTooFast` or
/// `CommittingWeightsTooFast`, it retries at the first block the rate limit allows.
public struct WeightSetter: Service {
    let context: ValidatorContext
    let allocations: AllocationVerifier

    public init(context: ValidatorContext) {
        self.context = context
        allocations = AllocationVerifier(context: context)
    }

    /// Scores and weights for `metagraph`, refreshing the verified allocations first.
    public func computeWeights(metagraph: Metagraph) async throws -> (weights: [Double], miners: [MinerScore]) {
        let config = context.configuration
        let verified = try await allocations.verify(metagraph: metagraph)
        await context.state.update(verifiedAllocations: verified)
        let stats = try await context.store.stats(window: config.statsWindow, now: context.now())
        let penalized = try await context.store.penalizedHotkeys()
        let scores = config.formula.scores(stats: stats, allocated: verified, penalized: penalized)
        let normalizer = WeightNormalizer(validatorStakeWeight: config.selection.validatorStakeWeight)
        var weights = normalizer.weights(scoresByHotkey: scores, metagraph: metagraph)
        // Never weight ourselves (a validator below the stake threshold would otherwise score).
        if let own = metagraph.neuron(hotkey: context.hotkey.ss58Address), Int(own.uid) < weights.count, weights[Int(own.uid)] > 0 {
            weights[Int(own.uid)] = 0
            let total = weights.reduce(0, +)
            if total > 0 { weights = weights.map { $0 / total } }
        }
        let miners = metagraph.neurons.filter { scores[$0.hotkey] != nil }.map { n in
            MinerScore(uid: n.uid, hotkey: n.hotkey, score: scores[n.hotkey] ?? 0,
                       weight: Int(n.uid) < weights.count ? weights[Int(n.uid)] : 0,
                       difficulty: config.difficulty.next(stats[n.hotkey]),
                       allocated: verified.contains(n.hotkey), penalized: penalized.contains(n.hotkey))
        }
        return (weights, miners)
    }

    /// Computes and sets weights now. Chain refusals are thrown (`ChainError`) after being
    /// recorded in the report of `/status`. Returns `nil` when there is nothing to weight yet.
    @discardableResult
    public func setWeights(at block: UInt64, hyperparameters: SubnetHyperparameters? = nil) async throws -> WeightsReport? {
        let started = ContinuousClock.now
        let metagraph = try await context.chain.metagraph(netuid: context.netuid)
        let (weights, miners) = try await computeWeights(metagraph: metagraph)
        await context.state.record(scores: miners)
        context.metrics.miners(miners)
        let nonZero = weights.filter { $0 > 0 }.count
        guard nonZero > 0 else {
            context.logger.debug("no miner has a score yet; weights not set", metadata: ["block": "\(block)"])
            return nil
        }
        var report = WeightsReport(block: block, uids: weights.count, nonZero: nonZero, error: nil)
        do {
            let hyper: SubnetHyperparameters
            if let hyperparameters { hyper = hyperparameters } else { hyper = try await context.chain.hyperparameters(netuid: context.netuid) }
            report.commitReveal = hyper.commitRevealEnabled
            report.revealBlock = try await submit(weights: weights, hyperparameters: hyper, block: block)
        } catch {
            report.error = "\(error)"
            await context.state.record(weights: report)
            context.metrics.weightsFailed(reason: (error as? ChainError)?.moduleErrorName ?? "other")
            throw error
        }
        context.metrics.weightsSet(block: block)
        context.metrics.roundFinished("weights", seconds: secondsSince(started))
        await context.state.record(weights: report)
        context.logger.info("weights set", metadata: ["block": "\(block)", "miners": "\(nonZero)"])
        return report
    }

    /// `set_weights`, or a timelocked commit when the subnet has commit-reveal on (returns its reveal block).
    @discardableResult
    func submit(weights: [Double], hyperparameters hyper: SubnetHyperparameters, block: UInt64) async throws -> UInt64? {
        let config = context.configuration
        let uids = weights.indices.map { UInt16($0) }
        guard hyper.commitRevealEnabled else {
            try await context.chain.setWeights(netuid: context.netuid, uids: uids, weights: weights,
                                               versionKey: config.versionKey, signer: context.hotkey)
            return nil
        }
        guard let cipher = config.timelock else { throw CommitRevealSetupError.noCipher(netuid: context.netuid) }
        let committer = TimelockedWeights(chain: context.chain, cipher: cipher, hotkey: context.hotkey,
                                          netuid: context.netuid, mecid: config.mecid,
                                          now: { [now = context.now] in now().timeIntervalSince1970 })
        let commit = try await committer.commit(uids: uids, weights: weights, versionKey: config.versionKey, hyperparameters: hyper)
        context.logger.info("weights committed (commit-reveal v4)", metadata: [
            "block": "\(block)", "reveal_round": "\(commit.round)", "reveal_block": "\(commit.revealBlock)",
            "mecid": "\(config.mecid)",
        ])
        return commit.revealBlock
    }

    public func run() async throws {
        try await BlockRounds(context: context, name: "weights attempt").run(round: { head in
            max(try await self.attempt(at: head), head + 1)
        }, afterFailure: { head in head + 1 })
    }

    /// Sets weights when due; returns the block of the next attempt.
    func attempt(at head: UInt64) async throws -> UInt64 {
        let hyper = try await context.chain.hyperparameters(netuid: context.netuid)
        let interval = context.configuration.weightsInterval ?? hyper.weightsRateLimit
        guard let uid = await context.state.uid else { return head + 1 }
        let since = try await context.chain.blocksSinceLastUpdate(netuid: context.netuid, uid: uid)
        if since < interval { return head + (interval - since) }
        do {
            guard try await setWeights(at: head, hyperparameters: hyper) != nil else { return head + 1 }
            return head + interval
        } catch let error as CommitRevealSetupError {
            // Not a chain hiccup: retrying every block would only repeat it.
            context.logger.error("weights not set", metadata: ["error": "\(error)"])
            return head + interval
        } catch let error as ChainError where ["SettingWeightsTooFast", "CommittingWeightsTooFast"].contains(error.moduleErrorName) {
            // Retry at the first block the chain's rate limit allows.
            let since = try await context.chain.blocksSinceLastUpdate(netuid: context.netuid, uid: uid)
            let wait = hyper.weightsRateLimit > since ? hyper.weightsRateLimit - since : 1
            context.logger.info("weights rate-limited; retrying", metadata: ["in_blocks": "\(wait)"])
            return head + wait
        }
    }
}
