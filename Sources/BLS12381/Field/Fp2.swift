/// Quadratic extension Fp2 = Fp[u]/(u² + 1); element c0 + c1·u.
public struct Fp2: Sendable, Hashable {
    public var c0: Fp
    public var c1: Fp

    @inlinable @inline(__always)
    public init(c0: Fp, c1: Fp) { self.c0 = c0; self.c1 = c1 }

    public static var zero: Fp2 { Fp2(c0: .zero, c1: .zero) }
    public static var one: Fp2 { Fp2(c0: .one, c1: .zero) }

    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

    @inlinable @inline(__always)
    public static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(c0: a.c0 + b.c0, c1: a.c1 + b.c1) }
    @inlinable @inline(__always)
    public static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(c0: a.c0 - b.c0, c1: a.c1 - b.c1) }
    @inlinable @inline(__always)
    public static prefix func - (a: Fp2) -> Fp2 { Fp2(c0: -a.c0, c1: -a.c1) }
    @inlinable @inline(__always)
    public static func += (a: inout Fp2, b: Fp2) { a = a + b }
    @inlinable @inline(__always)
    public static func -= (a: inout Fp2, b: Fp2) { a = a - b }
    @inlinable @inline(__always)
    public static func *= (a: inout Fp2, b: Fp2) { a = a * b }

    /// Karatsuba: (a0 + a1 u)(b0 + b1 u) = (a0b0 − a1b1) + ((a0+a1)(b0+b1) − a0b0 − a1b1) u.
    @inlinable @inline(__always)
    public static func * (a: Fp2, b: Fp2) -> Fp2 { mul(a, b) }

    @usableFromInline @inline(never)
    static func mul(_ a: Fp2, _ b: Fp2) -> Fp2 {
        let aa = a.c0 * b.c0
        let bb = a.c1 * b.c1
        let s = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp2(c0: aa - bb, c1: s - aa - bb)
    }

    /// Multiplies both coefficients by a base-field element.
    @inlinable @inline(__always)
    public func mul(by f: Fp) -> Fp2 { Fp2(c0: c0 * f, c1: c1 * f) }

    /// (a0 + a1 u)² = (a0+a1)(a0−a1) + 2a0a1 u.
    @inlinable @inline(__always)
    public func squared() -> Fp2 { Fp2.square(self) }

    @usableFromInline @inline(never)
    static func square(_ x: Fp2) -> Fp2 {
        let (c0, c1) = (x.c0, x.c1)
        let a = c0 + c1
        let b = c0 - c1
        let c = c0 * c1
        return Fp2(c0: a * b, c1: c + c)
    }

    @inlinable @inline(__always)
    public func doubled() -> Fp2 { self + self }

    /// Multiplication by the Fp6 non-residue ξ = 1 + u.
    @inlinable @inline(__always)
    public func mulByNonResidue() -> Fp2 { Fp2(c0: c0 - c1, c1: c0 + c1) }

    /// Frobenius (x ↦ x^p) is conjugation.
    @inlinable @inline(__always)
    public func conjugate() -> Fp2 { Fp2(c0: c0, c1: -c1) }

    /// x ↦ x^(p^power).
    @inlinable
    public func frobenius(_ power: Int) -> Fp2 { power & 1 == 1 ? conjugate() : self }

    /// Inverse via the norm: 1/(a0 + a1 u) = (a0 − a1 u)/(a0² + a1²); 0 maps to 0.
    public func inverse() -> Fp2 {
        let t = (c0.squared() + c1.squared()).inverse()
        return Fp2(c0: c0 * t, c1: -(c1 * t))
    }

    /// Constant-time selection (`b` when mask is all-ones).
    @inlinable @inline(__always)
    public static func select(_ a: Fp2, _ b: Fp2, mask: UInt64) -> Fp2 {
        Fp2(c0: .select(a.c0, b.c0, mask: mask), c1: .select(a.c1, b.c1, mask: mask))
    }

    /// self^e for a public exponent (little-endian limbs).
    public func pow(_ e: [UInt64]) -> Fp2 {
        var r = Fp2.one
        for limb in e.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                r = r.squared()
                if (limb >> UInt64(bit)) & 1 == 1 { r = r * self }
            }
        }
        return r
    }

    /// Square root (eprint 2012/685, Algorithm 9 for p ≡ 3 mod 4), nil if none exists.
    public func squareRoot() -> Fp2? {
        if isZero { return .zero }
        let a1 = pow(Fp.pMinus3Div4)
        let alpha = a1.squared() * self
        let x0 = a1 * self
        let candidate: Fp2
        if alpha == Fp2(c0: -Fp.one, c1: .zero) {
            candidate = Fp2(c0: -x0.c1, c1: x0.c0) // u·x0
        } else {
            let b = (Fp2.one + alpha).pow(Fp.pMinus1Div2)
            candidate = b * x0
        }
        return candidate.squared() == self ? candidate : nil
    }

    /// ZCash sign convention for Fp2: compare c1 first, then c0 when c1 is zero.
    public var isLexicographicallyLargest: Bool {
        c1.isZero ? c0.isLexicographicallyLargest : c1.isLexicographicallyLargest
    }

    /// RFC 9380 sgn0 for m = 2.
    public var sgn0: Bool { c0.sgn0 || (c0.isZero && c1.sgn0) }
}
