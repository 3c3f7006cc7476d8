/// Quadratic extension Fp12 = Fp6[w]/(w² − v); element c0 + c1·w (arkworks order). GT lives here.
public struct Fp12: Sendable, Hashable {
    public var c0: Fp6
    public var c1: Fp6

    @inlinable @inline(__always)
    public init(c0: Fp6, c1: Fp6) { self.c0 = c0; self.c1 = c1 }

    public static var one: Fp12 { Fp12(c0: .one, c1: .zero) }
    public var isOne: Bool { self == .one }

    @inlinable
    public static func * (a: Fp12, b: Fp12) -> Fp12 {
        let aa = a.c0 * b.c0
        let bb = a.c1 * b.c1
        let c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - aa - bb
        return Fp12(c0: bb.mulByNonResidue() + aa, c1: c1)
    }

    @inlinable
    public static func *= (a: inout Fp12, b: Fp12) { a = a * b }

    /// Complex squaring: (a + bw)² = (a + b)(a + vb) − ab − v·ab + 2ab·w.
    @inlinable
    public func squared() -> Fp12 {
        let ab = c0 * c1
        let t = (c0 + c1) * (c0 + c1.mulByNonResidue()) - ab - ab.mulByNonResidue()
        return Fp12(c0: t, c1: ab + ab)
    }

    /// Conjugation x ↦ x^(p^6); the inverse for elements of the cyclotomic subgroup.
    @inlinable
    public func conjugate() -> Fp12 { Fp12(c0: c0, c1: -c1) }

    /// Inverse; 0 maps to 0.
    public func inverse() -> Fp12 {
        let t = (c0.squared() - c1.squared().mulByNonResidue()).inverse()
        return Fp12(c0: c0 * t, c1: -(c1 * t))
    }

    /// Product with the sparse element (b0 + b1·v) + (b4·v)·w, as produced by M-twist lines.
    @inlinable
    public func mulBy014(_ b0: Fp2, _ b1: Fp2, _ b4: Fp2) -> Fp12 {
        let aa = c0.mulBy01(b0, b1)
        let bb = c1.mulBy1(b4)
        let n1 = (c1 + c0).mulBy01(b0, b1 + b4) - aa - bb
        return Fp12(c0: bb.mulByNonResidue() + aa, c1: n1)
    }

    /// x ↦ x^(p^power) for power in 1...3.
    public func frobenius(_ power: Int) -> Fp12 {
        let a = c0.frobenius(power)
        let b = c1.frobenius(power)
        let k = Fp12.frobC1[power]
        return Fp12(c0: a, c1: Fp6(c0: b.c0 * k, c1: b.c1 * k, c2: b.c2 * k))
    }

    // ξ^((p^i − 1)/6), i = 0...3 (Scripts/gen_constants.py).
    static let frobC1: [Fp2] = [
        Fp2.one,
        Fp2(c0: Fp(montgomeryLimbs: (0x07089552b319d465, 0xc6695f92b50a8313, 0x97e83cccd117228f, 0xa35baecab2dc29ee, 0x1ce393ea5daace4d, 0x08f2220fb0fb66eb)), c1: Fp(montgomeryLimbs: (0xb2f66aad4ce5d646, 0x5842a06bfc497cec, 0xcf4895d42599d394, 0xc11b9cba40a8e8d0, 0x2e3813cbe5a0de89, 0x110eefda88847faf))),
        Fp2(c0: Fp(montgomeryLimbs: (0xecfb361b798dba3a, 0xc100ddb891865a2c, 0x0ec08ff1232bda8e, 0xd5c13cc6f1ca4721, 0x47222a47bf7b5c04, 0x0110f184e51c5f59)), c1: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000))),
        Fp2(c0: Fp(montgomeryLimbs: (0x3e2f585da55c9ad1, 0x4294213d86c18183, 0x382844c88b623732, 0x92ad2afd19103e18, 0x1d794e4fac7cf0b9, 0x0bd592fc7d825ec8)), c1: Fp(montgomeryLimbs: (0x7bcfa7a25aa30fda, 0xdc17dec12a927e7c, 0x2f088dd86b4ebef1, 0xd1ca2087da74d4a7, 0x2da2596696cebc1d, 0x0e2b7eedbbfd87d2))),
    ]
}
