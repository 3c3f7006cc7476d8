import Testing
@testable import BLS12381

func isInvalidFlags(_ e: BLSError?) -> Bool {
    if case .invalidFlags = e { return true }
    return false
}

@Suite struct EncodingTests {
    // Generators as published in the ZCash BLS12-381 serialisation spec / IETF drafts.
    static let g1Compressed = "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"
    static let g2Compressed = "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
        + "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"
    static let pHex = "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"
    static var pHexBytes: [UInt8] { hex(pHex) }

    @Test func generatorEncodings() throws {
        #expect(hexString(G1Point.generator.compressed) == Self.g1Compressed)
        #expect(hexString(G2Point.generator.compressed) == Self.g2Compressed)
        #expect(try G1Point(compressed: hex(Self.g1Compressed)) == .generator)
        #expect(try G2Point(compressed: hex(Self.g2Compressed)) == .generator)
    }

    @Test func roundTrips() throws {
        var rng = SystemRandomNumberGenerator()
        let k = Scalar.random(using: &rng)
        let p = G1Point.generator.multiplied(by: k)
        let q = G2Point.generator.multiplied(by: k)
        #expect(try G1Point(compressed: p.compressed) == p)
        #expect(try G1Point(uncompressed: p.uncompressed) == p)
        #expect(try G2Point(compressed: q.compressed) == q)
        #expect(try G2Point(uncompressed: q.uncompressed) == q)
        #expect(try G1Point(compressed: (-p).compressed) == -p)
        #expect(try G2Point(compressed: (-q).compressed) == -q)
        #expect(try G1Point(compressed: G1Point.identity.compressed).isIdentity)
        #expect(try G2Point(compressed: G2Point.identity.compressed).isIdentity)
    }

    @Test func rejectsBadLengthsAndFlags() {
        var b = hex(Self.g1Compressed)
        #expect(throws: BLSError.invalidLength(what: "compressed G1 point", expected: 48, actual: 47)) {
            try G1Point(compressed: Array(b.dropLast()))
        }
        b[0] &= 0x7f // compression bit cleared
        let e1 = #expect(throws: BLSError.self) { try G1Point(compressed: b) }
        #expect(isInvalidFlags(e1))
        var inf = [UInt8](repeating: 0, count: 48)
        inf[0] = 0xe0 // infinity + sign
        let e2 = #expect(throws: BLSError.self) { try G1Point(compressed: inf) }
        #expect(isInvalidFlags(e2))
        inf[0] = 0xc0
        inf[47] = 1 // infinity with garbage
        let e3 = #expect(throws: BLSError.self) { try G1Point(compressed: inf) }
        #expect(isInvalidFlags(e3))
        var u = G1Point.generator.uncompressed
        u[0] |= 0x20 // sign bit on uncompressed
        let e4 = #expect(throws: BLSError.self) { try G1Point(uncompressed: u) }
        #expect(isInvalidFlags(e4))
    }

    @Test func rejectsNonCanonicalCoordinates() {
        var b = hex(Self.pHex) // x = p
        b[0] |= 0x80
        #expect(throws: BLSError.nonCanonicalFieldElement) { try G1Point(compressed: b) }
        // G2: x.c1 = p.
        #expect(throws: BLSError.nonCanonicalFieldElement) { try G2Point(compressed: b + [UInt8](repeating: 0, count: 48)) }
        // G2: x.c0 = p.
        var c = [UInt8](repeating: 0, count: 48) + hex(Self.pHex)
        c[0] |= 0x80
        #expect(throws: BLSError.nonCanonicalFieldElement) { try G2Point(compressed: c) }
        var u = G1Point.generator.uncompressed
        u.replaceSubrange(48..<96, with: hex(Self.pHex))
        #expect(throws: BLSError.nonCanonicalFieldElement) { try G1Point(uncompressed: u) }
    }

    /// Smallest x ≥ 1 whose status (on-curve or not) matches `onCurve`.
    func findX(onCurve: Bool) -> Fp {
        var x = Fp.one
        while (x.squared() * x + Fp(4)).isSquare != onCurve { x = x + .one }
        return x
    }

    @Test func rejectsOffCurveAndNonSubgroupPoints() {
        var off = findX(onCurve: false).bigEndianBytes
        off[0] |= 0x80
        #expect(throws: BLSError.notOnCurve) { try G1Point(compressed: off) }
        // Uncompressed generator with y + 1 is off the curve.
        let (gx, gy) = G1Point.generator.affine!
        #expect(throws: BLSError.notOnCurve) { try G1Point(uncompressed: gx.bigEndianBytes + (gy + .one).bigEndianBytes) }
        // A point on E(Fp) outside G1 (the cofactor is large, so small x are almost never in G1).
        var on = findX(onCurve: true).bigEndianBytes
        on[0] |= 0x80
        #expect(throws: BLSError.notInSubgroup) { try G1Point(compressed: on) }
        // G2: smallest real x = (k, 0) on / off E'.
        var k: UInt64 = 1
        var offG2: [UInt8]?, onG2: [UInt8]?
        while offG2 == nil || onG2 == nil {
            let x = Fp2(c0: Fp(k), c1: .zero)
            let enc = Fp.zero.bigEndianBytes + Fp(k).bigEndianBytes
            if (x.squared() * x + Fp2.curveB).squareRoot() == nil { offG2 = offG2 ?? enc } else { onG2 = onG2 ?? enc }
            k += 1
        }
        offG2![0] |= 0x80
        onG2![0] |= 0x80
        #expect(throws: BLSError.notOnCurve) { try G2Point(compressed: offG2!) }
        #expect(throws: BLSError.notInSubgroup) { try G2Point(compressed: onG2!) }
    }
}
