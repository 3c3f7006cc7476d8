import Bittensor

/// The SN27 `Challenge` shape, re-declared here so wire tests need only the Bittensor module.
struct CapturedChallenge: Synapse {
    static let name = "Challenge"
    var base = SynapseBase()
    var challengeHash = ""
    var challengeSalt = ""
    var challengeMode = ""
    var challengeChars = ""
    var challengeMask = ""
    var challengeDifficulty = 6
    var output: JSONObject = [:]
    init() {}
    static let fields: [SynapseField<CapturedChallenge>] = [
        .init("challenge_hash", \.challengeHash), .init("challenge_salt", \.challengeSalt),
        .init("challenge_mode", \.challengeMode), .init("challenge_chars", \.challengeChars),
        .init("challenge_mask", \.challengeMask), .init("challenge_difficulty", \.challengeDifficulty),
        .init("output", \.output),
    ]
}

/// The capture's `Hashed` synapse: `required_hash_fields = ("prompt", "n")`.
struct Hashed: Synapse {
    var base = SynapseBase()
    var prompt = ""
    var n = 0
    var answer = ""
    init() {}
    static let fields: [SynapseField<Hashed>] = [.init("prompt", \.prompt), .init("n", \.n), .init("answer", \.answer)]
    static let requiredHashFields = ["prompt", "n"]
}
