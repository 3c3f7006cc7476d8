/// Cubic extension Fp6 = Fp2[v]/(v³ − ξ), ξ = 1 + u; element c0 + c1·v + c2·v² (arkworks order).
public struct Fp6: Sendable, Hashable {
    public var c0: Fp2
    public var c1: Fp2
    public var c2: Fp2

    @inlinable @inline(__always)
    public init(c0: Fp2, c1: Fp2, c2: Fp2) { self.c0 = c0; self.c1 = c1; self.c2 = c2 }

    public static var zero: Fp6 { Fp6(c0: .zero, c1: .zero, c2: .zero) }
    public static var one: Fp6 { Fp6(c0: .one, c1: .zero, c2: .zero) }
    @inlinable public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }

    @inlinable @inline(__always)
    public static func + (a: Fp6, b: Fp6) -> Fp6 { Fp6(c0: a.c0 + b.c0, c1: a.c1 + b.c1, c2: a.c2 + b.c2) }
    @inlinable @inline(__always)
    public static func - (a: Fp6, b: Fp6) -> Fp6 { Fp6(c0: a.c0 - b.c0, c1: a.c1 - b.c1, c2: a.c2 - b.c2) }
    @inlinable @inline(__always)
    public static prefix func - (a: Fp6) -> Fp6 { Fp6(c0: -a.c0, c1: -a.c1, c2: -a.c2) }

    /// Karatsuba-style product (6 Fp2 multiplications).
    @inlinable
    public static func * (a: Fp6, b: Fp6) -> Fp6 {
        let aa = a.c0 * b.c0
        let bb = a.c1 * b.c1
        let cc = a.c2 * b.c2
        let t1 = ((a.c1 + a.c2) * (b.c1 + b.c2) - bb - cc).mulByNonResidue() + aa
        let t2 = (a.c0 + a.c1) * (b.c0 + b.c1) - aa - bb + cc.mulByNonResidue()
        let t3 = (a.c0 + a.c2) * (b.c0 + b.c2) - aa - cc + bb
        return Fp6(c0: t1, c1: t2, c2: t3)
    }

    /// Squaring (Chung–Hasan SQR2).
    @inlinable
    public func squared() -> Fp6 {
        let s0 = c0.squared()
        let ab = c0 * c1
        let s1 = ab + ab
        let s2 = (c0 - c1 + c2).squared()
        let bc = c1 * c2
        let s3 = bc + bc
        let s4 = c2.squared()
        return Fp6(c0: s3.mulByNonResidue() + s0,
                   c1: s4.mulByNonResidue() + s1,
                   c2: s1 + s2 + s3 - s0 - s4)
    }

    /// Multiplication by v: (c0, c1, c2) ↦ (ξ·c2, c0, c1).
    @inlinable @inline(__always)
    public func mulByNonResidue() -> Fp6 { Fp6(c0: c2.mulByNonResidue(), c1: c0, c2: c1) }

    /// Product with the sparse element b0 + b1·v.
    @inlinable
    public func mulBy01(_ b0: Fp2, _ b1: Fp2) -> Fp6 {
        let aa = c0 * b0
        let bb = c1 * b1
        let t1 = ((c1 + c2) * b1 - bb).mulByNonResidue() + aa
        let t2 = (b0 + b1) * (c0 + c1) - aa - bb
        let t3 = (c0 + c2) * b0 - aa + bb
        return Fp6(c0: t1, c1: t2, c2: t3)
    }

    /// Product with the sparse element b1·v.
    @inlinable
    public func mulBy1(_ b1: Fp2) -> Fp6 {
        Fp6(c0: (c2 * b1).mulByNonResidue(), c1: c0 * b1, c2: c1 * b1)
    }

    /// Inverse; 0 maps to 0.
    public func inverse() -> Fp6 {
        let t0 = c0.squared() - (c1 * c2).mulByNonResidue()
        let t1 = c2.squared().mulByNonResidue() - c0 * c1
        let t2 = c1.squared() - c0 * c2
        let n = ((c2 * t1 + c1 * t2).mulByNonResidue() + c0 * t0).inverse()
        return Fp6(c0: t0 * n, c1: t1 * n, c2: t2 * n)
    }

    /// x ↦ x^(p^power) for power in 1...3.
    public func frobenius(_ power: Int) -> Fp6 {
        Fp6(c0: c0.frobenius(power),
            c1: c1.frobenius(power) * Fp6.frobC1[power],
            c2: c2.frobenius(power) * Fp6.frobC2[power])
    }

    // ξ^((p^i − 1)/3) and ξ^(2(p^i − 1)/3), i = 0...3 (Scripts/gen_constants.py).
    static let frobC1: [Fp2] = [
        Fp2.one,
        Fp2(c0: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)), c1: Fp(montgomeryLimbs: (0xcd03c9e48671f071, 0x5dab22461fcda5d2, 0x587042afd3851b95, 0x8eb60ebe01bacb9e, 0x03f97d6e83d050d2, 0x18f0206554638741))),
        Fp2(c0: Fp(montgomeryLimbs: (0x30f1361b798a64e8, 0xf3b8ddab7ece5a2a, 0x16a8ca3ac61577f7, 0xc26a2ff874fd029b, 0x3636b76660701c6e, 0x051ba4ab241b6160)), c1: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000))),
        Fp2(c0: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)), c1: Fp(montgomeryLimbs: (0x760900000002fffd, 0xebf4000bc40c0002, 0x5f48985753c758ba, 0x77ce585370525745, 0x5c071a97a256ec6d, 0x15f65ec3fa80e493))),
    ]
    static let frobC2: [Fp2] = [
        Fp2.one,
        Fp2(c0: Fp(montgomeryLimbs: (0x890dc9e4867545c3, 0x2af322533285a5d5, 0x50880866309b7e2c, 0xa20d1b8c7e881024, 0x14e4f04fe2db9068, 0x14e56d3f1564853a)), c1: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000))),
        Fp2(c0: Fp(montgomeryLimbs: (0xcd03c9e48671f071, 0x5dab22461fcda5d2, 0x587042afd3851b95, 0x8eb60ebe01bacb9e, 0x03f97d6e83d050d2, 0x18f0206554638741)), c1: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000))),
        Fp2(c0: Fp(montgomeryLimbs: (0x43f5fffffffcaaae, 0x32b7fff2ed47fffd, 0x07e83a49a2e99d69, 0xeca8f3318332bb7a, 0xef148d1ea0f4c069, 0x040ab3263eff0206)), c1: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000))),
    ]
}
