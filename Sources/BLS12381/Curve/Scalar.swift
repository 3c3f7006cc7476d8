/// An integer modulo the BLS12-381 group order
/// r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001, as 4 little-endian limbs.
/// Only what BLS signing and tlock need: parsing, reduction, random sampling.
public struct Scalar: Sendable, Hashable {
    /// Canonical little-endian limbs (< r).
    public let limbs: [UInt64]

    /// The group order r, little-endian limbs.
    public static let order: [UInt64] = [0xffff_ffff_0000_0001, 0x53bd_a402_fffe_5bfe,
                                         0x3339_d808_09a1_d805, 0x73ed_a753_299d_7d48]

    init(uncheckedLimbs: [UInt64]) { limbs = uncheckedLimbs }

    /// Parses a 32-byte big-endian scalar; nil unless < r.
    public init?(bigEndianBytes bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        let l = Scalar.limbs(fromBigEndian: bytes)
        guard Scalar.lessThanOrder(l) else { return nil }
        limbs = l
    }

    /// Reduces a 32-byte big-endian integer mod r (arkworks `from_be_bytes_mod_order` for 32 bytes).
    /// Precondition: exactly 32 bytes.
    public init(reducingBigEndian bytes: [UInt8]) {
        precondition(bytes.count == 32)
        var l = Scalar.limbs(fromBigEndian: bytes)
        // 2^256 < 3r, so at most two subtractions.
        for _ in 0..<2 where !Scalar.lessThanOrder(l) { l = Scalar.subtractOrder(l) }
        limbs = l
    }

    /// A uniformly random non-zero scalar (rejection sampling on 255-bit values).
    public static func random(using rng: inout some RandomNumberGenerator) -> Scalar {
        while true {
            var l = (0..<4).map { _ in rng.next() as UInt64 }
            l[3] &= 0x7fff_ffff_ffff_ffff
            if lessThanOrder(l) && l.contains(where: { $0 != 0 }) { return Scalar(uncheckedLimbs: l) }
        }
    }

    /// True for the zero scalar.
    public var isZero: Bool { limbs.allSatisfy { $0 == 0 } }

    /// 32-byte big-endian encoding.
    public var bigEndianBytes: [UInt8] { littleEndianBytes.reversed() }

    /// 32-byte little-endian encoding (arkworks `CanonicalSerialize` of Fr).
    public var littleEndianBytes: [UInt8] {
        limbs.flatMap { l in (0..<8).map { UInt8(truncatingIfNeeded: l >> UInt64(8 * $0)) } }
    }

    static func limbs(fromBigEndian b: [UInt8]) -> [UInt64] {
        (0..<4).map { i in
            var v: UInt64 = 0
            for j in 0..<8 { v = (v << 8) | UInt64(b[24 - 8 * i + j]) }
            return v
        }
    }

    static func lessThanOrder(_ l: [UInt64]) -> Bool {
        for i in stride(from: 3, through: 0, by: -1) where l[i] != order[i] { return l[i] < order[i] }
        return false
    }

    static func subtractOrder(_ l: [UInt64]) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: 4)
        var borrow: UInt64 = 0
        for i in 0..<4 { (borrow, out[i]) = sbb(l[i], order[i], borrow) }
        return out
    }
}
