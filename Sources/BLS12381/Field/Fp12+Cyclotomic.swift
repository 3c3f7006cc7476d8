extension Fp12 {
    /// Squaring in Fp4 = Fp2[t]/(t² − ξ): (a + b·t)² = (a² + ξb²) + ((a + b)² − a² − b²)·t.
    @inlinable @inline(__always)
    static func fp4Square(_ a: Fp2, _ b: Fp2) -> (Fp2, Fp2) {
        let t0 = a.squared()
        let t1 = b.squared()
        let c0 = t1.mulByNonResidue() + t0
        let c1 = (a + b).squared() - t0 - t1
        return (c0, c1)
    }

    /// Granger–Scott squaring, valid only for elements of the cyclotomic subgroup
    /// (everything after the easy part of the final exponentiation).
    @inlinable
    public func cyclotomicSquared() -> Fp12 {
        var z0 = c0.c0, z4 = c0.c1, z3 = c0.c2
        var z2 = c1.c0, z1 = c1.c1, z5 = c1.c2

        var (t0, t1) = Fp12.fp4Square(z0, z1)
        z0 = t0 - z0
        z0 = z0 + z0 + t0
        z1 = t1 + z1
        z1 = z1 + z1 + t1

        (t0, t1) = Fp12.fp4Square(z2, z3)
        let (t2, t3) = Fp12.fp4Square(z4, z5)
        z4 = t0 - z4
        z4 = z4 + z4 + t0
        z5 = t1 + z5
        z5 = z5 + z5 + t1

        t0 = t3.mulByNonResidue()
        z2 = t0 + z2
        z2 = z2 + z2 + t0
        z3 = t2 - z3
        z3 = z3 + z3 + t2

        return Fp12(c0: Fp6(c0: z0, c1: z4, c2: z3), c1: Fp6(c0: z2, c1: z1, c2: z5))
    }
}
