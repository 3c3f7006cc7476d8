/// Makes challenges exactly as the original validator (`neurons/Validator/pow.py`), with a CSPRNG:
/// 10 distinct characters from the 86-character pool, a password of `difficulty` characters
/// from them, 8 random bytes of salt as 16 lower-case hex characters.
public struct ChallengeGenerator: Sendable {
    /// `A–Z a–z 0–9 !@#$%^&*()-_+=[]{};:,.<>` — the original's pool (86 characters).
    public static let pool = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*()-_+=[]{};:,.<>")
    /// Characters per challenge charset.
    public static let charsetSize = 10

    /// The difficulties this generator accepts (default 6…12, the original's bounds).
    public var bounds: ClosedRange<Int>

    public init(bounds: ClosedRange<Int> = 6...12) {
        self.bounds = bounds
    }

    /// A fresh challenge at `difficulty` (clamped into `bounds`).
    public func generate(difficulty: Int) -> IssuedChallenge {
        var rng = BufferedSystemRandom()
        return generate(difficulty: difficulty, using: &rng)
    }

    /// A challenge drawn from `rng` (tests pass a seeded generator; production uses the system
    /// CSPRNG through `BufferedSystemRandom`).
    public func generate(difficulty: Int, using rng: inout some RandomNumberGenerator) -> IssuedChallenge {
        let length = min(max(difficulty, bounds.lowerBound), bounds.upperBound)
        // A partial Fisher–Yates shuffle: the first 10 of a full shuffle, for 10 draws instead of 85.
        var pool = Self.pool
        for i in 0..<Self.charsetSize { pool.swapAt(i, Int.random(in: i..<pool.count, using: &rng)) }
        let charset = Array(pool.prefix(Self.charsetSize))
        let password = String((0..<length).map { _ in charset.randomElement(using: &rng)! })
        var saltBytes = [UInt8](repeating: 0, count: 8)
        for i in saltBytes.indices { saltBytes[i] = UInt8.random(in: 0...255, using: &rng) }
        let salt = PowChallenge.hex(saltBytes)
        let challenge = PowChallenge(
            hash: PowChallenge.hash(password: password, salt: salt),
            salt: salt,
            chars: String(charset),
            mask: String(repeating: "?1", count: length),
            mode: "610",
            difficulty: length)
        return IssuedChallenge(challenge: challenge, password: password)
    }
}
