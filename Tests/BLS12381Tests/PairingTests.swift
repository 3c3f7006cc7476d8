import Testing
@testable import BLS12381

@Suite struct PairingTests {
    @Test func bilinearityAndNonDegeneracy() {
        let p = G1Point.generator, q = G2Point.generator
        let e = Pairing.pairing(p, q)
        #expect(!e.isOne)
        let two = Scalar(reducingBigEndian: [UInt8](repeating: 0, count: 31) + [2])
        let three = Scalar(reducingBigEndian: [UInt8](repeating: 0, count: 31) + [3])
        let six = Scalar(reducingBigEndian: [UInt8](repeating: 0, count: 31) + [6])
        let lhs = Pairing.pairing(p.multiplied(by: two), q.multiplied(by: three))
        let rhs = Pairing.pairing(p.multiplied(by: six), q)
        #expect(lhs == rhs)
        #expect(lhs == e * e * e * e * e * e)
        // e(P, Q)·e(−P, Q) = 1 through the multi-pairing.
        #expect(Pairing.multiPairing([(p, q), (-p, q)]).isOne)
        // Identity inputs give 1.
        #expect(Pairing.pairing(.identity, q).isOne)
        #expect(GT.one.serialized.count == 576)
    }
}
