/// A point of G2 ⊂ E'(Fp2), E': y² = x³ + 4(1 + u) (M-twist). Public constructors validate subgroup membership.
public struct G2Point: Sendable, Equatable {
    /// Projective representation.
    public var point: ProjectivePoint<Fp2>

    /// Wraps a projective point as is (no curve or subgroup check; use the decoders for untrusted input).
    public init(_ point: ProjectivePoint<Fp2>) { self.point = point }

    /// The standard generator (ZCash / IETF).
    public static let generator = G2Point(ProjectivePoint(
        affineX: Fp2(c0: Fp(montgomeryLimbs: (0xf5f28fa202940a10, 0xb3f5fb2687b4961a, 0xa1a893b53e2ae580, 0x9894999d1a3caee9, 0x6f67b7631863366b, 0x058191924350bcd7)), c1: Fp(montgomeryLimbs: (0xa5a9c0759e23f606, 0xaaa0c59dbccd60c3, 0x3bb17e18e2867806, 0x1b1ab6cc8541b367, 0xc2b6ed0ef2158547, 0x11922a097360edf3))),
        affineY: Fp2(c0: Fp(montgomeryLimbs: (0x4c730af860494c4a, 0x597cfa1f5e369c5a, 0xe7e6856caa0a635a, 0xbbefb5e96e0d495f, 0x07d3a975f0ef25a2, 0x0083fd8e7e80dae5)), c1: Fp(montgomeryLimbs: (0xadc0fc92df64b05d, 0x18aa270a2b1461dc, 0x86adac6a3be4eba0, 0x79495c4ec93da33a, 0xe7175850a43ccaed, 0x0b2bc2a163de1bf2)))))

    /// The identity element.
    public static var identity: G2Point { G2Point(.identity) }
    /// Whether this is the point at infinity.
    public var isIdentity: Bool { point.isIdentity }

    /// Point equality (projective, any representation).
    public static func == (a: G2Point, b: G2Point) -> Bool { a.point == b.point }
    /// Group addition (complete formulas).
    public static func + (a: G2Point, b: G2Point) -> G2Point { G2Point(a.point + b.point) }
    /// Group subtraction.
    public static func - (a: G2Point, b: G2Point) -> G2Point { G2Point(a.point - b.point) }
    public static prefix func - (a: G2Point) -> G2Point { G2Point(-a.point) }
    /// 2·Q.
    public func doubled() -> G2Point { G2Point(point.doubled()) }

    /// Constant-time multiplication by a (secret) scalar.
    public func multiplied(by k: Scalar) -> G2Point { G2Point(point.multipliedConstantTime(by: k.limbs)) }

    /// Variable-time multiplication by a public 256-bit value given big-endian (need not be < r).
    public func multiplied(byPublicBigEndian bytes: [UInt8]) -> G2Point {
        G2Point(point.multipliedPublic(by: Scalar.limbs(fromBigEndian: bytes)))
    }


    /// Affine coordinates, nil for the identity.
    public var affine: (x: Fp2, y: Fp2)? { point.affine }
}

extension G2Point {
    /// 96-byte ZCash compressed encoding: x.c1 ‖ x.c0 with flags in the first byte.
    public var compressed: [UInt8] {
        guard let (x, y) = affine else { return [0xc0] + [UInt8](repeating: 0, count: 95) }
        var out = x.c1.bigEndianBytes + x.c0.bigEndianBytes
        out[0] |= 0x80
        if y.isLexicographicallyLargest { out[0] |= 0x20 }
        return out
    }

    /// 192-byte uncompressed encoding x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0.
    public var uncompressed: [UInt8] {
        guard let (x, y) = affine else { return [0x40] + [UInt8](repeating: 0, count: 191) }
        return x.c1.bigEndianBytes + x.c0.bigEndianBytes + y.c1.bigEndianBytes + y.c0.bigEndianBytes
    }

    /// Decodes a 96-byte compressed point, checking flags, canonicity, curve and subgroup membership.
    public init(compressed bytes: [UInt8]) throws(BLSError) {
        let encoded = try EncodedPoint(bytes, length: 96, compressed: true, what: "compressed G2 point")
        if encoded.isIdentity { self = .identity; return }
        let (flags, body) = (encoded.flags, encoded.body)
        guard let x1 = Fp(bigEndianBytes: body[0..<48]), let x0 = Fp(bigEndianBytes: body[48..<96]) else {
            throw .nonCanonicalFieldElement
        }
        let x = Fp2(c0: x0, c1: x1)
        guard var y = (x.squared() * x + Fp2.curveB).squareRoot() else { throw .notOnCurve }
        if y.isLexicographicallyLargest != flags.sign { y = -y }
        self = G2Point(ProjectivePoint(affineX: x, affineY: y))
        guard isInSubgroup else { throw .notInSubgroup }
    }

    /// Decodes a 192-byte uncompressed point with full validation.
    public init(uncompressed bytes: [UInt8]) throws(BLSError) {
        let encoded = try EncodedPoint(bytes, length: 192, compressed: false, what: "uncompressed G2 point")
        if encoded.isIdentity { self = .identity; return }
        let body = encoded.body
        guard let x1 = Fp(bigEndianBytes: body[0..<48]), let x0 = Fp(bigEndianBytes: body[48..<96]),
              let y1 = Fp(bigEndianBytes: body[96..<144]), let y0 = Fp(bigEndianBytes: body[144..<192]) else {
            throw .nonCanonicalFieldElement
        }
        let p = ProjectivePoint(affineX: Fp2(c0: x0, c1: x1), affineY: Fp2(c0: y0, c1: y1))
        guard p.isOnCurve else { throw .notOnCurve }
        self = G2Point(p)
        guard isInSubgroup else { throw .notInSubgroup }
    }
}
