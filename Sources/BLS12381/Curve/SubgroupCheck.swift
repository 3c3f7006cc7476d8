/// Fast subgroup membership tests (eprint 2021/1130 §4 and §6, proofs in eprint 2022/352):
/// G1: φ(P) = −x²·P with φ(x, y) = (β·x, y); G2: ψ(Q) = x·Q with ψ the untwist-Frobenius-twist map.
/// x = −0xd201000000010000. The r-multiplication check is kept for tests.
extension ProjectivePoint {
    /// |x|·P (public double-and-add).
    @inlinable
    func multipliedByAbsX() -> ProjectivePoint { multipliedPublic(by: [0xd201_0000_0001_0000]) }
}

extension G1Point {
    /// A primitive cube root of unity in Fp (the one for which φ acts as −x² on G1; Scripts/gen_constants.py).
    static let beta = Fp(montgomeryLimbs: (0x30f1361b798a64e8, 0xf3b8ddab7ece5a2a, 0x16a8ca3ac61577f7, 0xc26a2ff874fd029b, 0x3636b76660701c6e, 0x051ba4ab241b6160))

    /// Whether P lies in the order-r subgroup.
    public var isInSubgroup: Bool {
        let phi = ProjectivePoint(x: point.x * G1Point.beta, y: point.y, z: point.z)
        // −x²·P = −(|x|·(|x|·P)).
        let rhs = -point.multipliedByAbsX().multipliedByAbsX()
        return phi == rhs
    }

    /// r·P = O (slow reference check).
    var isInSubgroupByOrder: Bool { point.multipliedPublic(by: Scalar.order).isIdentity }
}

extension G2Point {
    /// 1/ξ^((p−1)/3) and 1/ξ^((p−1)/2), ξ = 1 + u (Scripts/gen_constants.py).
    static let psiX = Fp2(c0: Fp(montgomeryLimbs: (0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)), c1: Fp(montgomeryLimbs: (0x890dc9e4867545c3, 0x2af322533285a5d5, 0x50880866309b7e2c, 0xa20d1b8c7e881024, 0x14e4f04fe2db9068, 0x14e56d3f1564853a)))
    static let psiY = Fp2(c0: Fp(montgomeryLimbs: (0x3e2f585da55c9ad1, 0x4294213d86c18183, 0x382844c88b623732, 0x92ad2afd19103e18, 0x1d794e4fac7cf0b9, 0x0bd592fc7d825ec8)), c1: Fp(montgomeryLimbs: (0x7bcfa7a25aa30fda, 0xdc17dec12a927e7c, 0x2f088dd86b4ebef1, 0xd1ca2087da74d4a7, 0x2da2596696cebc1d, 0x0e2b7eedbbfd87d2)))

    /// ψ(Q) = (conj(x)·psiX, conj(y)·psiY) in projective coordinates.
    var psi: ProjectivePoint<Fp2> {
        ProjectivePoint(x: point.x.conjugate() * G2Point.psiX, y: point.y.conjugate() * G2Point.psiY,
                        z: point.z.conjugate())
    }

    /// Whether Q lies in the order-r subgroup.
    public var isInSubgroup: Bool {
        // x·Q = −(|x|·Q) since x < 0.
        psi == -point.multipliedByAbsX()
    }

    /// r·Q = O (slow reference check).
    var isInSubgroupByOrder: Bool { point.multipliedPublic(by: Scalar.order).isIdentity }
}
