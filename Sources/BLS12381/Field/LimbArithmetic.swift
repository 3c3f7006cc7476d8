// 64-bit limb primitives for the multi-precision field arithmetic.

/// a + b·c + carry as (high, low); cannot overflow 128 bits.
@inlinable @inline(__always)
func mac(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let (hi, lo) = b.multipliedFullWidth(by: c)
    let (s1, o1) = lo.addingReportingOverflow(a)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    return (hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0), s2)
}

/// a + b + carry as (carry, sum).
@inlinable @inline(__always)
func adc(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    return ((o1 ? 1 : 0) &+ (o2 ? 1 : 0), s2)
}

/// a - b - borrow as (borrow, difference), borrow ∈ {0, 1}.
@inlinable @inline(__always)
func sbb(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
    return ((o1 ? 1 : 0) | (o2 ? 1 : 0), d2)
}
