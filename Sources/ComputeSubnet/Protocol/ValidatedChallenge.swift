/// A `Challenge` synapse checked field by field against what a validator can legitimately send
/// (the original generator, spec §6.2, and `ChallengeGenerator`). The one place where a Challenge
/// from the wire is checked; the worker and the solvers take only this value.
///
/// | field | rule |
/// |---|---|
/// | `challenge_hash` | `$BLAKE2$` + exactly 128 hex digits |
/// | `challenge_salt` | 0…64 hex digits |
/// | `challenge_mode` | `"610"` (or empty, read as `"610"`) |
/// | `challenge_chars` | 1…95 printable ASCII characters (0x20…0x7E), no duplicates |
/// | `challenge_mask` | `?1` repeated exactly `challenge_difficulty` times |
/// | `challenge_difficulty` | 1…12 |
/// | `timeout` | finite and > 0, then clamped to 1…600 s (and to the axon's own deadline) |
///
/// Nothing here can name a file or an option: the hash and salt are hex, the mask is `?1` tokens,
/// and the charset reaches hashcat hex-encoded (`--hex-charset`).
public struct ValidatedChallenge: Sendable, Hashable {
    /// Supported password lengths (the original's maximum is 12; 10^12 candidates).
    public static let difficultyRange = 1...12
    /// Longest salt, in hex digits (the original sends 16).
    public static let maximumSaltLength = 64
    /// Longest charset: every printable ASCII character once.
    public static let maximumCharsetLength = 95
    /// The time budget a request may ask for, seconds.
    public static let timeoutRange = 1.0...600.0

    /// The challenge, with `mode` normalised to `"610"`.
    public let challenge: PowChallenge
    /// The request's time budget in seconds, within `timeoutRange`.
    public let timeout: Double

    /// Checks every field of `synapse`.
    /// - Parameter axonTimeout: the axon's own (already bounded) deadline for this request; the
    ///   budget never exceeds it.
    /// - Throws: `InputRefusal` naming the first field that breaks its rule.
    public init(_ synapse: Challenge, axonTimeout: Double? = nil) throws(InputRefusal) {
        func refuse(_ field: String, _ rule: String) -> InputRefusal {
            InputRefusal(synapse: Challenge.name, field: field, rule: rule)
        }
        let mode = synapse.challengeMode.isEmpty ? "610" : synapse.challengeMode
        guard mode == "610" else { throw refuse("challenge_mode", "must be 610") }
        guard Self.difficultyRange.contains(synapse.challengeDifficulty) else {
            throw refuse("challenge_difficulty", "must be \(Self.difficultyRange.lowerBound)...\(Self.difficultyRange.upperBound)")
        }
        let hash = synapse.challengeHash
        guard hash.utf8.count == PowChallenge.hashPrefix.utf8.count + 128, hash.hasPrefix(PowChallenge.hashPrefix),
              hash.utf8.dropFirst(PowChallenge.hashPrefix.utf8.count).allSatisfy(Self.isHexDigit)
        else { throw refuse("challenge_hash", "must be $BLAKE2$ followed by 128 hex digits") }
        let salt = synapse.challengeSalt
        guard salt.utf8.count <= Self.maximumSaltLength, salt.utf8.allSatisfy(Self.isHexDigit) else {
            throw refuse("challenge_salt", "must be at most \(Self.maximumSaltLength) hex digits")
        }
        let chars = synapse.challengeChars.utf8
        guard (1...Self.maximumCharsetLength).contains(chars.count), chars.allSatisfy({ (0x20...0x7E).contains($0) }),
              Set(chars).count == chars.count
        else {
            throw refuse("challenge_chars", "must be 1...\(Self.maximumCharsetLength) distinct printable ASCII characters")
        }
        let mask = synapse.challengeMask
        guard mask.utf8.count == 2 * synapse.challengeDifficulty, mask == String(repeating: "?1", count: synapse.challengeDifficulty)
        else { throw refuse("challenge_mask", "must be ?1 repeated challenge_difficulty times") }
        let asked = synapse.timeout
        guard asked.isFinite, asked > 0 else { throw refuse("timeout", "must be a finite number of seconds above 0") }
        var budget = min(max(asked, Self.timeoutRange.lowerBound), Self.timeoutRange.upperBound)
        if let axonTimeout, axonTimeout.isFinite, axonTimeout > 0 { budget = min(budget, axonTimeout) }
        timeout = budget
        challenge = PowChallenge(hash: hash, salt: salt, chars: synapse.challengeChars, mask: mask, mode: mode,
                                 difficulty: synapse.challengeDifficulty)
    }

    static func isHexDigit(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x61...0x66).contains(c) || (0x41...0x46).contains(c)
    }
}
