/// RFC 9380 hash_to_curve for G1, suite BLS12381G1_XMD:SHA-256_SSWU_RO_.
public enum HashToG1 {
    /// h_eff = 1 − x = 0xd201000000010001 (RFC 9380 §8.8.1).
    static let hEff: [UInt64] = [0xd201_0000_0001_0001]

    /// hash_to_field(msg, 2) with L = 64.
    public static func hashToField(_ message: [UInt8], dst: [UInt8]) -> (Fp, Fp) {
        let bytes = ExpandMessageXMD.expand(message, dst: dst, length: 128)
        return (Fp(reducingBigEndian: Array(bytes[0..<64])), Fp(reducingBigEndian: Array(bytes[64..<128])))
    }

    /// map_to_curve: simplified SWU on E' followed by the 11-isogeny.
    public static func mapToCurve(_ u: Fp) -> ProjectivePoint<Fp> {
        let (x, y) = SimplifiedSWU.map(u)
        return IsogenyMap.map(x: x, y: y)
    }

    /// Hashes `message` to a point of G1 (random-oracle variant).
    public static func hash(_ message: [UInt8], dst: [UInt8]) -> G1Point {
        let (u0, u1) = hashToField(message, dst: dst)
        let r = mapToCurve(u0) + mapToCurve(u1)
        return G1Point(r.multipliedPublic(by: hEff))
    }
}
