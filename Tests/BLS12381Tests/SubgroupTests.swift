import Testing
@testable import BLS12381

/// The endomorphism-based subgroup checks agree with the definition (r·P = O).
@Suite struct SubgroupTests {
    @Test func endomorphismChecksAgreeWithOrderCheck() {
        var rng = SystemRandomNumberGenerator()
        let k = Scalar.random(using: &rng)
        let p = G1Point.generator.multiplied(by: k)
        let q = G2Point.generator.multiplied(by: k)
        #expect(p.isInSubgroup && p.isInSubgroupByOrder)
        #expect(q.isInSubgroup && q.isInSubgroupByOrder)
        #expect(G1Point.identity.isInSubgroup && G2Point.identity.isInSubgroup)
        // Points on the curves outside the subgroups: several small x.
        var x: UInt64 = 1, found = 0
        while found < 3 {
            if let y = (Fp(x).squared() * Fp(x) + Fp(4)).squareRoot() {
                let pt = G1Point(ProjectivePoint(affineX: Fp(x), affineY: y))
                #expect(pt.isInSubgroup == pt.isInSubgroupByOrder)
                #expect(!pt.isInSubgroup)
                found += 1
            }
            x += 1
        }
        x = 1; found = 0
        while found < 3 {
            let fx = Fp2(c0: Fp(x), c1: .one)
            if let y = (fx.squared() * fx + Fp2.curveB).squareRoot() {
                let pt = G2Point(ProjectivePoint(affineX: fx, affineY: y))
                #expect(pt.isInSubgroup == pt.isInSubgroupByOrder)
                #expect(!pt.isInSubgroup)
                found += 1
            }
            x += 1
        }
    }

    @Test func cyclotomicSquaringMatchesSquaring() {
        let e = Pairing.pairing(G1Point.generator, G2Point.generator).value
        #expect(e.cyclotomicSquared() == e.squared())
    }
}

@Suite struct ScalarMultiplicationTests {
    /// The fixed-base table, the ladder and plain double-and-add agree.
    @Test func fixedBaseMatchesLadder() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2 {
            let k = Scalar.random(using: &rng)
            let viaTable = G2Point.generatorMultiple(k)
            #expect(viaTable == G2Point.generator.multiplied(by: k))
            #expect(viaTable.point == G2Point.generator.point.multipliedPublic(by: k.limbs))
        }
        let one = Scalar(reducingBigEndian: [UInt8](repeating: 0, count: 31) + [1])
        #expect(G2Point.generatorMultiple(one) == .generator)
        let g1 = G1Point.generator
        let k = Scalar.random(using: &rng)
        #expect(g1.multiplied(by: k).point == g1.point.multipliedPublic(by: k.limbs))
    }
}
