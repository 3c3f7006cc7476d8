import Bittensor

/// Checks a miner's answer: recomputes the hash and compares it in constant time. Anything that
/// cannot be the answer (nil, empty, longer than the mask, a character outside the charset) is
/// a plain `false`.
public struct ChallengeVerifier: Sendable {
    public init() {}

    /// True when `answer` hashes (with the challenge's salt) to the challenge's hash.
    public func verify(_ answer: String?, for challenge: PowChallenge) -> Bool {
        guard let answer, !answer.isEmpty else { return false }
        let maxLength = max(challenge.difficulty, challenge.mask.count / 2)
        guard answer.count <= maxLength, answer.utf8.count <= 1024 else { return false }
        if !challenge.chars.isEmpty, challenge.mask == String(repeating: "?1", count: answer.count) {
            let allowed = Set(challenge.chars)
            guard answer.allSatisfy(allowed.contains) else { return false }
        }
        return Self.matches(password: answer, salt: challenge.salt, hash: challenge.hash)
    }

    /// True when `password` + `salt` hashes to `hash` (no charset or length rules).
    public static func matches(password: String, salt: String, hash: String) -> Bool {
        guard let expected = PowChallenge(hash: hash, salt: salt, chars: "", mask: "", difficulty: 0).digest else { return false }
        return constantTimeEqual(Blake2b.hash(Array((password + salt).utf8)), expected)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
