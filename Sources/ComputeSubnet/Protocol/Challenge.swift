import Bittensor

/// SN27 `Challenge` (compute/protocol.py): a BLAKE2b proof-of-work puzzle (hashcat mode 610).
public struct Challenge: Synapse {
    public static let name = "Challenge"
    public var base = SynapseBase()
    /// `"$BLAKE2$"` + 128 lower-case hex of blake2b-512(password + salt).
    public var challengeHash = ""
    /// 16 lower-case hex characters.
    public var challengeSalt = ""
    /// The hashcat `-m` value, `"610"`.
    public var challengeMode = ""
    /// The 10-character charset.
    public var challengeChars = ""
    /// `"?1"` repeated L times.
    public var challengeMask = ""
    /// L, the password length (the original's `pow_min_difficulty` default, 6 in the reference peers).
    public var challengeDifficulty = 6
    /// Miner → validator: `{"password": str|null, "local_execution_time": float, "error": str|null}`.
    public var output: JSONObject = [:]

    public init() {}

    public init(hash: String, salt: String, mode: String = "610", chars: String, mask: String, difficulty: Int) {
        challengeHash = hash; challengeSalt = salt; challengeMode = mode
        challengeChars = chars; challengeMask = mask; challengeDifficulty = difficulty
    }

    public static let fields: [SynapseField<Challenge>] = [
        .init("challenge_hash", \.challengeHash),
        .init("challenge_salt", \.challengeSalt),
        .init("challenge_mode", \.challengeMode),
        .init("challenge_chars", \.challengeChars),
        .init("challenge_mask", \.challengeMask),
        .init("challenge_difficulty", \.challengeDifficulty),
        .init("output", \.output),
    ]

    /// What `deserialize()` returns in Python.
    public var deserialized: JSONObject { output }
}
