/// Final exponentiation f^((p¹² − 1)/r), exactly as arkworks 0.4 `Bls12::final_exponentiation`
/// (easy part, then the hard part of eprint 2020/875), so GT values match arkworks bit for bit.
enum FinalExponentiation {
    /// f^x for x = −0xd201000000010000 (f in the cyclotomic subgroup).
    static func expByX(_ f: Fp12) -> Fp12 {
        var r = Fp12.one
        var started = false
        for bit in stride(from: 63, through: 0, by: -1) {
            if started { r = r.cyclotomicSquared() }
            if (MillerLoop.absX >> UInt64(bit)) & 1 == 1 {
                r = started ? r * f : f
                started = true
            }
        }
        return r.conjugate()
    }

    static func apply(_ f: Fp12) -> Fp12 {
        // Easy part: f^((p⁶ − 1)(p² + 1)).
        var r = f.conjugate() * f.inverse()
        r = r.frobenius(2) * r
        // Hard part.
        var y0 = r.squared()
        var y1 = expByX(r)
        var y2 = r.conjugate()
        y1 = y1 * y2
        y2 = expByX(y1)
        y1 = y1.conjugate()
        y1 = y1 * y2
        y2 = expByX(y1)
        y1 = y1.frobenius(1)
        y1 = y1 * y2
        r = r * y0
        y0 = expByX(y1)
        y2 = expByX(y0)
        y0 = y1.frobenius(2)
        y1 = y1.conjugate()
        y1 = y1 * y2
        y1 = y1 * y0
        r = r * y1
        return r
    }
}
