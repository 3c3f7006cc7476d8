/// A point on y² = x³ + b over `F` in homogeneous projective coordinates (X : Y : Z),
/// using the complete, exception-free formulas of Renes–Costello–Batina 2015 (a = 0,
/// Algorithms 7 and 9). Identity is (0 : 1 : 0).
public struct ProjectivePoint<F: CurveField>: Sendable {
    public var x: F
    public var y: F
    public var z: F

    /// Creates (X : Y : Z) without validation.
    @inlinable
    public init(x: F, y: F, z: F) { self.x = x; self.y = y; self.z = z }

    /// The point at infinity.
    public static var identity: ProjectivePoint { ProjectivePoint(x: .zero, y: .one, z: .zero) }

    @inlinable public var isIdentity: Bool { z.isZero }

    /// Lifts affine (x, y).
    @inlinable
    public init(affineX: F, affineY: F) { self.init(x: affineX, y: affineY, z: .one) }

    /// Complete addition (RCB Algorithm 7).
    @inlinable
    public static func + (p: ProjectivePoint, q: ProjectivePoint) -> ProjectivePoint {
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t2 = p.z * q.z
        var t3 = (p.x + p.y) * (q.x + q.y)
        var t4 = t0 + t1
        t3 = t3 - t4
        t4 = (p.y + p.z) * (q.y + q.z)
        var x3 = t1 + t2
        t4 = t4 - x3
        x3 = (p.x + p.z) * (q.x + q.z)
        var y3 = t0 + t2
        y3 = x3 - y3
        x3 = t0 + t0
        t0 = x3 + t0
        t2 = t2.mulByB3()
        var z3 = t1 + t2
        t1 = t1 - t2
        y3 = y3.mulByB3()
        x3 = t4 * y3
        t2 = t3 * t1
        x3 = t2 - x3
        y3 = y3 * t0
        t1 = t1 * z3
        y3 = t1 + y3
        t0 = t0 * t3
        z3 = z3 * t4
        z3 = z3 + t0
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    /// Complete doubling (RCB Algorithm 9).
    @inlinable
    public func doubled() -> ProjectivePoint {
        var t0 = y.squared()
        var z3 = t0.doubled().doubled().doubled()
        var t1 = y * z
        var t2 = z.squared()
        t2 = t2.mulByB3()
        var x3 = t2 * z3
        var y3 = t0 + t2
        z3 = t1 * z3
        t1 = t2 + t2
        t2 = t1 + t2
        t0 = t0 - t2
        y3 = t0 * y3
        y3 = x3 + y3
        t1 = x * y
        x3 = t0 * t1
        x3 = x3 + x3
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    @inlinable
    public static prefix func - (p: ProjectivePoint) -> ProjectivePoint { ProjectivePoint(x: p.x, y: -p.y, z: p.z) }

    /// p + (−q).
    @inlinable
    public static func - (p: ProjectivePoint, q: ProjectivePoint) -> ProjectivePoint { p + (-q) }

    /// Projective equality (X1·Z2 = X2·Z1 and Y1·Z2 = Y2·Z1).
    public static func == (p: ProjectivePoint, q: ProjectivePoint) -> Bool {
        p.x * q.z == q.x * p.z && p.y * q.z == q.y * p.z
    }

    /// Affine coordinates, nil for the identity.
    public var affine: (x: F, y: F)? {
        if z.isZero { return nil }
        let zi = z.inverse()
        return (x * zi, y * zi)
    }

    /// Whether the (projective) point satisfies Y²Z = X³ + bZ³.
    public var isOnCurve: Bool {
        if z.isZero { return x.isZero && !y.isZero }
        let lhs = y.squared() * z
        let rhs = x.squared() * x + F.curveB * z.squared() * z
        return lhs == rhs
    }

    @inlinable
    static func select(_ a: ProjectivePoint, _ b: ProjectivePoint, mask: UInt64) -> ProjectivePoint {
        ProjectivePoint(x: .select(a.x, b.x, mask: mask), y: .select(a.y, b.y, mask: mask), z: .select(a.z, b.z, mask: mask))
    }

    /// Constant-time scalar multiplication by a secret scalar given as 4 little-endian limbs
    /// (all 256 bits processed; Montgomery ladder with masked swaps, complete formulas).
    public func multipliedConstantTime(by k: [UInt64]) -> ProjectivePoint {
        precondition(k.count == 4)
        var r0 = ProjectivePoint.identity
        var r1 = self
        for i in stride(from: 255, through: 0, by: -1) {
            let bit = (k[i >> 6] >> UInt64(i & 63)) & 1
            let mask = 0 &- bit
            // swap(r0, r1) when bit == 1
            let s0 = ProjectivePoint.select(r0, r1, mask: mask)
            let s1 = ProjectivePoint.select(r1, r0, mask: mask)
            let sum = s0 + s1
            let dbl = s0.doubled()
            r0 = ProjectivePoint.select(dbl, sum, mask: mask)
            r1 = ProjectivePoint.select(sum, dbl, mask: mask)
        }
        return r0
    }

    /// Variable-time scalar multiplication for public scalars (little-endian limbs).
    public func multipliedPublic(by k: [UInt64]) -> ProjectivePoint {
        var acc = ProjectivePoint.identity
        var started = false
        for i in stride(from: k.count * 64 - 1, through: 0, by: -1) {
            if started { acc = acc.doubled() }
            if (k[i >> 6] >> UInt64(i & 63)) & 1 == 1 { acc = started ? acc + self : self; started = true }
        }
        return acc
    }
}
