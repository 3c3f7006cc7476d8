import BLS12381
import Crypto

/// A drand-style beacon key (`bls-unchained-g1-rfc9380`): signs rounds in G1, public key in G2.
/// Useful for devnets and tests that need their own beacon.
public struct BeaconSecretKey: Sendable {
    let key: BLSSecretKey

    /// From a 32-byte big-endian scalar (0 < k < r).
    public init(bytes: [UInt8]) throws(TimelockError) {
        do { key = try BLSSecretKey(bigEndianBytes: bytes) } catch { throw .invalidSecretKey(error.description) }
    }

    /// From 64 hex digits (big-endian scalar).
    public init(hex: String) throws(TimelockError) {
        guard let b = Hex.decode(hex) else { throw .invalidSecretKey("not hex") }
        try self.init(bytes: b)
    }

    /// A fresh random key.
    public init(using rng: inout some RandomNumberGenerator) { key = BLSSecretKey(using: &rng) }

    /// A fresh random key from the system RNG.
    public init() {
        var rng = SystemRandomNumberGenerator()
        self.init(using: &rng)
    }

    /// 32-byte big-endian scalar.
    public var bytes: [UInt8] { key.bigEndianBytes }

    /// 96-byte compressed G2 public key.
    public var publicKey: [UInt8] { key.publicKey.compressed }

    /// 48-byte compressed G1 signature of `round` (message sha256(round as u64 big-endian)).
    public func sign(round: UInt64) -> [UInt8] {
        key.sign(BeaconSecretKey.message(forRound: round)).compressed
    }

    /// Verifies a 48-byte round signature against a 96-byte public key.
    public static func verify(signature: [UInt8], round: UInt64, publicKey: [UInt8]) -> Bool {
        BLS.verify(signature: signature, message: message(forRound: round), publicKey: publicKey)
    }

    /// The signed message of a round: sha256(round u64 big-endian).
    public static func message(forRound round: UInt64) -> [UInt8] {
        let be = (0..<8).map { UInt8(truncatingIfNeeded: round >> UInt64(56 - 8 * $0)) }
        return Array(SHA256.hash(data: be))
    }
}
