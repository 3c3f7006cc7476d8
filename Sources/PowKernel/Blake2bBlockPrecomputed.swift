import Swift

/// What every lane shares when hashing one final BLAKE2b-512 block: the constant message words
/// and the working state after round 0's three column G functions that do not read words 0–1.
struct Blake2bBlockPrecomputed: Sendable {
    typealias Words16 = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                         UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    static let iv: [UInt64] = [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ]
    /// h[0] after the parameter block: digest length 64, no key, fan-out 1, depth 1.
    static let h0 = iv[0] ^ 0x0101_0040

    /// Message words (little-endian) of the block, with the password bytes zeroed.
    let words: Words16
    /// Working state ready for the varying part of round 0.
    let v: Words16
    /// Initial chaining value h[0], the start of digest word 0.
    let h0: UInt64 = Blake2bBlockPrecomputed.h0

    /// - Parameters: `block` the 128-byte zero-padded block; `messageLength` the byte count hashed.
    init(block: [UInt8], messageLength: Int) {
        precondition(block.count == 128 && messageLength <= 128)
        var m = [UInt64](repeating: 0, count: 16)
        for i in 0..<16 {
            var w: UInt64 = 0
            for b in 0..<8 { w |= UInt64(block[8 * i + b]) << (8 * UInt64(b)) }
            m[i] = w
        }
        var v = [UInt64](repeating: 0, count: 16)
        v[0] = Self.h0
        for i in 1..<8 { v[i] = Self.iv[i] }
        for i in 0..<8 { v[8 + i] = Self.iv[i] }
        v[12] ^= UInt64(messageLength)   // t0; t1 stays 0
        v[14] = ~v[14]                   // final block
        // Round 0 columns 1–3 read message words 2…7 only.
        func g(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
            v[a] = v[a] &+ v[b] &+ x; v[d] = (v[d] ^ v[a]).rotr(32)
            v[c] = v[c] &+ v[d]; v[b] = (v[b] ^ v[c]).rotr(24)
            v[a] = v[a] &+ v[b] &+ y; v[d] = (v[d] ^ v[a]).rotr(16)
            v[c] = v[c] &+ v[d]; v[b] = (v[b] ^ v[c]).rotr(63)
        }
        g(1, 5, 9, 13, m[2], m[3])
        g(2, 6, 10, 14, m[4], m[5])
        g(3, 7, 11, 15, m[6], m[7])
        self.words = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7],
                      m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15])
        self.v = (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                  v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15])
    }
}

extension UInt64 {
    @inline(__always) func rotr(_ n: UInt64) -> UInt64 { (self &>> n) | (self &<< (64 &- n)) }
}
