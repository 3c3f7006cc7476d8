/// Optimal ate Miller loop for BLS12-381, following arkworks' `Bls12::multi_miller_loop`
/// (homogeneous projective G2 accumulator, M-type twist lines, sparse `mulBy014`).
enum MillerLoop {
    /// |x| for the BLS parameter x = −0xd201000000010000.
    static let absX: UInt64 = 0xd201_0000_0001_0000

    /// The G2 accumulator in homogeneous projective coordinates.
    struct Accumulator {
        var x: Fp2
        var y: Fp2
        var z: Fp2

        /// Doubles the accumulator and returns the line coefficients (c0, c1, c2).
        @inline(__always)
        mutating func doublingStep(twoInv: Fp) -> (Fp2, Fp2, Fp2) {
            let a = (x * y).mul(by: twoInv)
            let b = y.squared()
            let c = z.squared()
            let e = c.mulByB3() // 3b·Z², b = 4(1 + u)
            let f = e.doubled() + e
            let g = (b + f).mul(by: twoInv)
            let h = (y + z).squared() - (b + c)
            let i = e - b
            let j = x.squared()
            let eSquare = e.squared()
            x = a * (b - f)
            y = g.squared() - (eSquare.doubled() + eSquare)
            z = b * h
            return (i, j.doubled() + j, -h)
        }

        /// Adds the affine point q and returns the line coefficients (c0, c1, c2).
        @inline(__always)
        mutating func additionStep(qx: Fp2, qy: Fp2) -> (Fp2, Fp2, Fp2) {
            let theta = y - qy * z
            let lambda = x - qx * z
            let c = theta.squared()
            let d = lambda.squared()
            let e = lambda * d
            let f = z * c
            let g = x * d
            let h = e + f - g.doubled()
            x = lambda * h
            y = theta * (g - h) - e * y
            z = z * e
            let j = theta * qx - lambda * qy
            return (j, -theta, lambda)
        }
    }

    /// Multiplies f by the line evaluated at the G1 point (px, py).
    @inline(__always)
    static func ell(_ f: inout Fp12, _ coeffs: (Fp2, Fp2, Fp2), px: Fp, py: Fp) {
        f = f.mulBy014(coeffs.0, coeffs.1.mul(by: px), coeffs.2.mul(by: py))
    }

    /// ∏ f_{|x|,Qi}(Pi), conjugated because x < 0. Pairs with an identity point are skipped.
    static func run(_ pairs: [(G1Point, G2Point)]) -> Fp12 {
        var ps: [(Fp, Fp)] = []
        var qs: [(Fp2, Fp2)] = []
        for (p, q) in pairs {
            guard let pa = p.affine, let qa = q.affine else { continue }
            ps.append(pa)
            qs.append(qa)
        }
        if ps.isEmpty { return .one }
        let twoInv = Fp(2).inverse()
        var acc = qs.map { Accumulator(x: $0.0, y: $0.1, z: .one) }
        var f = Fp12.one
        for bit in stride(from: 62, through: 0, by: -1) {
            f = f.squared()
            for k in 0..<ps.count {
                ell(&f, acc[k].doublingStep(twoInv: twoInv), px: ps[k].0, py: ps[k].1)
            }
            if (absX >> UInt64(bit)) & 1 == 1 {
                for k in 0..<ps.count {
                    ell(&f, acc[k].additionStep(qx: qs[k].0, qy: qs[k].1), px: ps[k].0, py: ps[k].1)
                }
            }
        }
        return f.conjugate()
    }
}
