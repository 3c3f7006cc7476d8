import ComputeSubnet
import Foundation
import OpenAPIRuntime

/// `GET /v1/validator` from the validator's `/status` document.
enum ValidatorInfoBuilder {
    static let apiVersion = "1.0.0"

    static func info(_ s: ValidatorStatus) throws -> Components.Schemas.ValidatorInfo {
        .init(
            hotkey: s.hotkey, netuid: Int(s.netuid), uid: s.uid.map(Int.init), block: s.block.map(Int64.init),
            version: s.version, api_version: apiVersion, next_challenge_block: s.nextChallengeBlock.map(Int64.init),
            last_challenge_round: try s.lastChallengeRound.map(roundInfo), last_specs_round: try s.lastSpecsRound.map(roundInfo),
            weights: .init(
                last_set_block: s.lastWeightsSetBlock.map(Int64.init), last_attempt_block: s.lastWeights.map { Int64($0.block) },
                commit_reveal: s.lastWeights?.commitReveal, reveal_block: s.lastWeights?.revealBlock.map(Int64.init),
                error: s.lastWeights?.error))
    }

    /// A round report as a free-form object (its own Codable form).
    static func roundInfo<T: Encodable>(_ report: T) throws -> Components.Schemas.RoundInfo {
        let data = try JSONEncoder().encode(report)
        return .init(additionalProperties: try JSONDecoder().decode(OpenAPIObjectContainer.self, from: data))
    }
}
