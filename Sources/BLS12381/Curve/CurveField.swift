/// The field operations the generic short-Weierstrass (a = 0) point arithmetic needs.
/// Fp carries G1 (y² = x³ + 4), Fp2 carries G2 (y² = x³ + 4(1 + u)).
public protocol CurveField: Sendable, Hashable {
    static var zero: Self { get }
    static var one: Self { get }
    var isZero: Bool { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    func squared() -> Self
    func doubled() -> Self
    func inverse() -> Self
    static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self
    /// The curve coefficient b.
    static var curveB: Self { get }
    /// Multiplication by 3b (used by the complete formulas).
    func mulByB3() -> Self
}

extension Fp: CurveField {
    /// b = 4 for E: y² = x³ + 4.
    public static var curveB: Fp { Fp(4) }
    /// 12·x via additions.
    @inlinable @inline(__always)
    public func mulByB3() -> Fp {
        let x4 = doubled().doubled()
        let x8 = x4.doubled()
        return x8 + x4
    }
}

extension Fp2: CurveField {
    /// b = 4(1 + u) for E': y² = x³ + 4(1 + u).
    public static var curveB: Fp2 { Fp2(c0: Fp(4), c1: Fp(4)) }
    /// 12(1 + u)·x = 12·(x0 − x1) + 12·(x0 + x1)·u.
    @inlinable @inline(__always)
    public func mulByB3() -> Fp2 {
        Fp2(c0: (c0 - c1).mulByB3(), c1: (c0 + c1).mulByB3())
    }
}
