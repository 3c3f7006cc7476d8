extension Fp {
    /// Parses 48 big-endian bytes; nil unless the value is canonical (< p).
    public init?(bigEndianBytes bytes: some Collection<UInt8>) {
        let b = Array(bytes)
        guard b.count == 48 else { return nil }
        var limbs = [UInt64](repeating: 0, count: 6)
        for i in 0..<6 {
            var v: UInt64 = 0
            for j in 0..<8 { v = (v << 8) | UInt64(b[40 - 8 * i + j]) }
            limbs[i] = v
        }
        let raw = Fp(limbs: (limbs[0], limbs[1], limbs[2], limbs[3], limbs[4], limbs[5]))
        // Canonical iff subtracting p borrows.
        guard raw.subtractingModulusIfNeeded() == raw else { return nil }
        self = raw.toMontgomery()
    }

    /// Reduces a big-endian byte string of any length (used by hash_to_field with 64 bytes).
    public init(reducingBigEndian bytes: [UInt8]) {
        // Horner in base 2^64 over 8-byte chunks: acc = acc·2^64 + chunk.
        let shift = Fp(limbs: (0, 1, 0, 0, 0, 0)).toMontgomery() // 2^64
        var acc = Fp.zero
        var padded = [UInt8](repeating: 0, count: (8 - bytes.count % 8) % 8)
        padded.append(contentsOf: bytes)
        var i = 0
        while i < padded.count {
            var v: UInt64 = 0
            for j in 0..<8 { v = (v << 8) | UInt64(padded[i + j]) }
            acc = acc * shift + Fp(limbs: (v, 0, 0, 0, 0, 0)).toMontgomery()
            i += 8
        }
        self = acc
    }

    /// 48-byte big-endian canonical encoding.
    public var bigEndianBytes: [UInt8] {
        let c = canonicalLimbs
        let limbs = [c.l5, c.l4, c.l3, c.l2, c.l1, c.l0]
        var out = [UInt8]()
        out.reserveCapacity(48)
        for l in limbs { for s in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: l >> UInt64(s))) } }
        return out
    }

    /// 48-byte little-endian canonical encoding (arkworks `CanonicalSerialize`).
    public var littleEndianBytes: [UInt8] { bigEndianBytes.reversed() }

    /// RFC 9380 sgn0: parity of the canonical value.
    public var sgn0: Bool { canonicalLimbs.l0 & 1 == 1 }

    /// True when the value is > (p-1)/2 (ZCash "lexicographically largest" y flag).
    public var isLexicographicallyLargest: Bool {
        let c = canonicalLimbs
        let h = Fp.pMinus1Div2
        let v = [c.l0, c.l1, c.l2, c.l3, c.l4, c.l5]
        for i in stride(from: 5, through: 0, by: -1) where v[i] != h[i] { return v[i] > h[i] }
        return false
    }
}
