import Bittensor

/// An SN27 proof-of-work challenge as a miner receives it: find the password `p` (a mask of
/// `difficulty` characters from `chars`) with `"$BLAKE2$" + hex(BLAKE2b-512(p + salt)) == hash`
/// — hashcat mode 610, `BLAKE2b-512($pass.$salt)`.
public struct PowChallenge: Sendable, Hashable, Codable {
    public var hash: String
    public var salt: String
    public var chars: String
    public var mask: String
    public var mode: String
    public var difficulty: Int

    public init(hash: String, salt: String, chars: String, mask: String, mode: String = "610", difficulty: Int) {
        self.hash = hash
        self.salt = salt
        self.chars = chars
        self.mask = mask
        self.mode = mode
        self.difficulty = difficulty
    }

    /// The prefix hashcat mode 610 and the original validator put before the hex digest.
    public static let hashPrefix = "$BLAKE2$"

    /// `"$BLAKE2$" + hex(BLAKE2b-512(utf8(password + salt)))`.
    public static func hash(password: String, salt: String) -> String {
        hashPrefix + hex(Blake2b.hash(Array((password + salt).utf8)))
    }

    /// The 64 digest bytes of `hash`, or nil when it is not `$BLAKE2$` + 128 hex digits.
    public var digest: [UInt8]? {
        guard hash.hasPrefix(Self.hashPrefix) else { return nil }
        let hexPart = hash.utf8.dropFirst(Self.hashPrefix.utf8.count)
        guard hexPart.count == 128 else { return nil }
        return Self.unhex(Array(hexPart))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func unhex(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(text.count / 2)
        var i = 0
        while i < text.count {
            guard let hi = nibble(text[i]), let lo = nibble(text[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

/// A challenge together with its answer, as the validator keeps it (in memory only).
public struct IssuedChallenge: Sendable, Hashable {
    public var challenge: PowChallenge
    public var password: String

    public init(challenge: PowChallenge, password: String) {
        self.challenge = challenge
        self.password = password
    }
}
