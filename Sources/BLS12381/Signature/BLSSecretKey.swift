/// A BLS secret key: a non-zero scalar below r, given as 32 big-endian bytes.
public struct BLSSecretKey: Sendable {
    /// The scalar.
    public let scalar: Scalar

    /// Parses a 32-byte big-endian scalar; throws unless 0 < k < r.
    public init(bigEndianBytes bytes: [UInt8]) throws(BLSError) {
        guard bytes.count == 32 else { throw .invalidLength(what: "secret key", expected: 32, actual: bytes.count) }
        guard let s = Scalar(bigEndianBytes: bytes) else { throw .invalidSecretKey("not below the group order r") }
        guard !s.isZero else { throw .invalidSecretKey("zero") }
        scalar = s
    }

    /// A fresh random key.
    public init(using rng: inout some RandomNumberGenerator) {
        scalar = Scalar.random(using: &rng)
    }

    /// 32-byte big-endian encoding.
    public var bigEndianBytes: [UInt8] { scalar.bigEndianBytes }

    /// The public key sk·G2 (constant-time in sk).
    public var publicKey: G2Point { G2Point.generatorMultiple(scalar) }

    /// Signs `message` in G1: sk·H(message) (constant-time in sk).
    public func sign(_ message: [UInt8], dst: [UInt8] = BLS.quicknetDST) -> G1Point {
        HashToG1.hash(message, dst: dst).multiplied(by: scalar)
    }
}
