/// A point of G1 ⊂ E(Fp), E: y² = x³ + 4. Values built by the public API are in the r-torsion subgroup.
public struct G1Point: Sendable, Equatable {
    /// Projective representation.
    public var point: ProjectivePoint<Fp>

    /// Wraps a projective point as is (no curve or subgroup check; use the decoders for untrusted input).
    public init(_ point: ProjectivePoint<Fp>) { self.point = point }

    /// The standard generator (ZCash / IETF).
    public static let generator = G1Point(ProjectivePoint(
        affineX: Fp(montgomeryLimbs: (0x5cb38790fd530c16, 0x7817fc679976fff5, 0x154f95c7143ba1c1, 0xf0ae6acdf3d0e747, 0xedce6ecc21dbf440, 0x120177419e0bfb75)),
        affineY: Fp(montgomeryLimbs: (0xbaac93d50ce72271, 0x8c22631a7918fd8e, 0xdd595f13570725ce, 0x51ac582950405194, 0x0e1c8c3fad0059c0, 0x0bbc3efc5008a26a))))

    /// The identity element.
    public static var identity: G1Point { G1Point(.identity) }
    /// Whether this is the point at infinity.
    public var isIdentity: Bool { point.isIdentity }

    /// Point equality (projective, any representation).
    public static func == (a: G1Point, b: G1Point) -> Bool { a.point == b.point }
    /// Group addition (complete formulas).
    public static func + (a: G1Point, b: G1Point) -> G1Point { G1Point(a.point + b.point) }
    /// Group subtraction.
    public static func - (a: G1Point, b: G1Point) -> G1Point { G1Point(a.point - b.point) }
    public static prefix func - (a: G1Point) -> G1Point { G1Point(-a.point) }
    /// 2·P.
    public func doubled() -> G1Point { G1Point(point.doubled()) }

    /// Constant-time multiplication by a (secret) scalar.
    public func multiplied(by k: Scalar) -> G1Point { G1Point(point.multipliedConstantTime(by: k.limbs)) }


    /// Affine coordinates, nil for the identity.
    public var affine: (x: Fp, y: Fp)? { point.affine }
}

extension G1Point {
    /// 48-byte ZCash compressed encoding.
    public var compressed: [UInt8] {
        guard let (x, y) = affine else { return [0xc0] + [UInt8](repeating: 0, count: 47) }
        var out = x.bigEndianBytes
        out[0] |= 0x80
        if y.isLexicographicallyLargest { out[0] |= 0x20 }
        return out
    }

    /// 96-byte ZCash uncompressed encoding (x ‖ y).
    public var uncompressed: [UInt8] {
        guard let (x, y) = affine else { return [0x40] + [UInt8](repeating: 0, count: 95) }
        return x.bigEndianBytes + y.bigEndianBytes
    }

    /// Decodes a 48-byte compressed point, checking flags, canonicity, curve and subgroup membership.
    public init(compressed bytes: [UInt8]) throws(BLSError) {
        let encoded = try EncodedPoint(bytes, length: 48, compressed: true, what: "compressed G1 point")
        if encoded.isIdentity { self = .identity; return }
        let (flags, body) = (encoded.flags, encoded.body)
        guard let x = Fp(bigEndianBytes: body) else { throw .nonCanonicalFieldElement }
        guard var y = (x.squared() * x + Fp.curveB).squareRoot() else { throw .notOnCurve }
        if y.isLexicographicallyLargest != flags.sign { y = -y }
        self = G1Point(ProjectivePoint(affineX: x, affineY: y))
        guard isInSubgroup else { throw .notInSubgroup }
    }

    /// Decodes a 96-byte uncompressed point with full validation.
    public init(uncompressed bytes: [UInt8]) throws(BLSError) {
        let encoded = try EncodedPoint(bytes, length: 96, compressed: false, what: "uncompressed G1 point")
        if encoded.isIdentity { self = .identity; return }
        let body = encoded.body
        guard let x = Fp(bigEndianBytes: body[0..<48]), let y = Fp(bigEndianBytes: body[48..<96]) else {
            throw .nonCanonicalFieldElement
        }
        let p = ProjectivePoint(affineX: x, affineY: y)
        guard p.isOnCurve else { throw .notOnCurve }
        self = G1Point(p)
        guard isInSubgroup else { throw .notInSubgroup }
    }
}
