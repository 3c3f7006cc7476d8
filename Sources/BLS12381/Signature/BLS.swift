/// BLS signatures with signatures in G1 and public keys in G2 (drand `bls-unchained-g1-rfc9380`).
public enum BLS {
    /// DST of drand quicknet's G1 signatures.
    public static let quicknetDST: [UInt8] = Array("BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_".utf8)

    /// Verifies e(sig, g2) == e(H(m), pk) as one multi-pairing e(sig, −g2)·e(H(m), pk) == 1.
    /// Identity signatures or keys are rejected.
    public static func verify(signature: G1Point, message: [UInt8], publicKey: G2Point,
                              dst: [UInt8] = quicknetDST) -> Bool {
        if signature.isIdentity || publicKey.isIdentity { return false }
        let h = HashToG1.hash(message, dst: dst)
        return Pairing.multiPairing([(signature, -G2Point.generator), (h, publicKey)]).isOne
    }

    /// Verifies encoded values (48-byte signature, 96-byte public key); false on any decoding error.
    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8],
                              dst: [UInt8] = quicknetDST) -> Bool {
        guard let s = try? G1Point(compressed: signature), let pk = try? G2Point(compressed: publicKey) else {
            return false
        }
        return verify(signature: s, message: message, publicKey: pk, dst: dst)
    }
}

extension BLS {
    /// The 96-byte compressed G2 public key of a 32-byte big-endian secret key.
    public static func publicKey(secretKey: [UInt8]) throws(BLSError) -> [UInt8] {
        try BLSSecretKey(bigEndianBytes: secretKey).publicKey.compressed
    }

    /// The 48-byte compressed G1 signature of `message` under a 32-byte big-endian secret key.
    public static func sign(message: [UInt8], secretKey: [UInt8], dst: [UInt8] = quicknetDST) throws(BLSError) -> [UInt8] {
        try BLSSecretKey(bigEndianBytes: secretKey).sign(message, dst: dst).compressed
    }
}
