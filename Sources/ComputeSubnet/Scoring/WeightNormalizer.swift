import Bittensor
import Foundation

/// Turns scores into the weight vector a validator sets (spec §8.6): one entry per uid of the
/// metagraph, negatives and non-finite values as 0, L1-normalised (sum 1, or all 0 when nothing
/// scored). Validators and uids without a score get 0.
public struct WeightNormalizer: Sendable, Hashable, Codable {
    /// Stake weight (alpha-equivalent: alpha + tao_weight × TAO) from which a neuron counts as a
    /// validator (`validator_permit_stake`, 1024).
    public var validatorStakeWeight: Double

    public init(validatorStakeWeight: Double = 1024) {
        self.validatorStakeWeight = validatorStakeWeight
    }

    /// Weights for uids `0..<uidCount`.
    /// - Parameters:
    ///   - scores: score per uid; uids outside `0..<uidCount` are ignored.
    ///   - excluded: uids that must get 0 (validators).
    public func weights(scores: [UInt16: Double], uidCount: Int, excluded: Set<UInt16> = []) -> [Double] {
        var weights = [Double](repeating: 0, count: Swift.max(uidCount, 0))
        for (uid, score) in scores where Int(uid) < weights.count && !excluded.contains(uid) {
            weights[Int(uid)] = score.isFinite ? Swift.max(score, 0) : 0
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return weights.map { _ in 0 } }
        return weights.map { $0 / total }
    }

    /// Weights for every uid of `metagraph`, from scores keyed by hotkey (statistics are per
    /// hotkey). Neurons with at least `validatorStakeWeight` stake weight get 0.
    public func weights(scoresByHotkey: [String: Double], metagraph: Metagraph) -> [Double] {
        var scores: [UInt16: Double] = [:]
        var validators: Set<UInt16> = []
        for neuron in metagraph.neurons {
            if neuron.stakeWeightAlpha >= validatorStakeWeight { validators.insert(neuron.uid) }
            if let score = scoresByHotkey[neuron.hotkey] { scores[neuron.uid] = score }
        }
        let count = (metagraph.neurons.map { Int($0.uid) }.max() ?? -1) + 1
        return weights(scores: scores, uidCount: count, excluded: validators)
    }
}
