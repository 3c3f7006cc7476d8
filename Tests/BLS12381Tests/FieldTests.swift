import Testing
@testable import BLS12381

@Suite struct FieldTests {
    func randomFp(_ rng: inout some RandomNumberGenerator) -> Fp {
        Fp(reducingBigEndian: (0..<64).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    @Test func fpLaws() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let a = randomFp(&rng), b = randomFp(&rng), c = randomFp(&rng)
            #expect((a * b) * c == a * (b * c))
            #expect(a.squared() == a * a)
            #expect(a * (b + c) == a * b + a * c)
            #expect(a - b + b == a)
            #expect(a + (-a) == .zero)
            #expect(a.isZero || a * a.inverse() == .one)
            if let s = a.squared().squareRoot() { #expect(s == a || s == -a) } else { Issue.record("square has no root") }
            #expect(Fp(bigEndianBytes: a.bigEndianBytes) == a)
        }
        #expect(Fp(bigEndianBytes: [UInt8](repeating: 0xff, count: 48)) == nil)
        #expect((-Fp.one).squared() == .one && (-Fp.one) * (-Fp.one) == .one)
        // 64-byte reduction of p·2^128 + 5 is 5 (p written from its published hex).
        let p = [UInt8](repeating: 0, count: 0) + EncodingTests.pHexBytes
        #expect(Fp(reducingBigEndian: p + [UInt8](repeating: 0, count: 15) + [5]) == Fp(5))
    }

    @Test func extensionFieldLaws() {
        var rng = SystemRandomNumberGenerator()
        let a = Fp2(c0: randomFp(&rng), c1: randomFp(&rng))
        let b = Fp2(c0: randomFp(&rng), c1: randomFp(&rng))
        #expect(a * a.inverse() == .one)
        #expect(a.squared() == a * a)
        if let s = a.squared().squareRoot() { #expect(s == a || s == -a) } else { Issue.record("Fp2 square has no root") }
        let x = Fp6(c0: a, c1: b, c2: a + b)
        let y = Fp6(c0: b, c1: a, c2: a * b)
        #expect(x * x.inverse() == .one)
        #expect(x.squared() == x * x)
        #expect(x.mulBy01(a, b) == x * Fp6(c0: a, c1: b, c2: .zero))
        #expect(x.mulBy1(b) == x * Fp6(c0: .zero, c1: b, c2: .zero))
        let f = Fp12(c0: x, c1: y)
        #expect(f * f.inverse() == .one)
        #expect(f.squared() == f * f)
        #expect(f.mulBy014(a, b, a + b) == f * Fp12(c0: Fp6(c0: a, c1: b, c2: .zero), c1: Fp6(c0: .zero, c1: a + b, c2: .zero)))
        // Frobenius is a ring homomorphism and has order 12 on Fp12.
        #expect((f * f).frobenius(1) == f.frobenius(1) * f.frobenius(1))
        var g = f
        for _ in 0..<6 { g = g.frobenius(2) }
        #expect(g == f)
        #expect(f.frobenius(1).frobenius(1) == f.frobenius(2))
        #expect(f.frobenius(2).frobenius(1) == f.frobenius(3))
    }
}
