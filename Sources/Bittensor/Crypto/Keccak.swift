/// The Keccak-f[1600] permutation (FIPS 202 §3) over 25 little-endian 64-bit lanes.
///
/// The state is stored inline (no heap allocation) so sponges built on it (SHA3-256, STROBE)
/// can be copied cheaply.
struct KeccakState: Sendable {
    // 25 lanes = 200 bytes, kept as a tuple so the value lives inline.
    var lanes: (UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init() {}

    /// Byte-wise access to the 200-byte state (lanes are little-endian, as the spec's byte order).
    @inline(__always)
    mutating func withBytes<R>(_ body: (UnsafeMutablePointer<UInt8>) throws -> R) rethrows -> R {
        try withUnsafeMutableBytes(of: &lanes) { raw in
            try body(raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Applies Keccak-f[1600] (24 rounds) in place.
    mutating func permute() {
        withUnsafeMutableBytes(of: &lanes) { raw in
            Keccak.f1600(raw.baseAddress!.assumingMemoryBound(to: UInt64.self))
        }
    }
}

enum Keccak {
    private static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808a, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808b, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008a, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000a,
        0x0000_0000_8000_808b, 0x8000_0000_0000_008b, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800a, 0x8000_0000_8000_000a,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]
    // ρ offsets and π lane order, walked as one cycle starting from lane 1.
    private static let rho: [UInt64] = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44]
    private static let pi: [Int] = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1]

    @inline(__always)
    private static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &<< n) | (x &>> (64 &- n)) }

    /// Keccak-f[1600] over 25 lanes at `a`.
    static func f1600(_ a: UnsafeMutablePointer<UInt64>) {
        roundConstants.withUnsafeBufferPointer { rc in
            rho.withUnsafeBufferPointer { rho in
                pi.withUnsafeBufferPointer { pi in
                    for round in 0..<24 {
                        // θ
                        let c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20]
                        let c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21]
                        let c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22]
                        let c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23]
                        let c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24]
                        let d0 = c4 ^ rotl(c1, 1), d1 = c0 ^ rotl(c2, 1), d2 = c1 ^ rotl(c3, 1)
                        let d3 = c2 ^ rotl(c4, 1), d4 = c3 ^ rotl(c0, 1)
                        var y = 0
                        while y < 25 {
                            a[y] ^= d0; a[y + 1] ^= d1; a[y + 2] ^= d2; a[y + 3] ^= d3; a[y + 4] ^= d4
                            y += 5
                        }
                        // ρ and π
                        var current = a[1]
                        for t in 0..<24 {
                            let j = pi[t]
                            let next = a[j]
                            a[j] = rotl(current, rho[t])
                            current = next
                        }
                        // χ
                        y = 0
                        while y < 25 {
                            let b0 = a[y], b1 = a[y + 1], b2 = a[y + 2], b3 = a[y + 3], b4 = a[y + 4]
                            a[y] = b0 ^ (~b1 & b2)
                            a[y + 1] = b1 ^ (~b2 & b3)
                            a[y + 2] = b2 ^ (~b3 & b4)
                            a[y + 3] = b3 ^ (~b4 & b0)
                            a[y + 4] = b4 ^ (~b0 & b1)
                            y += 5
                        }
                        // ι
                        a[0] ^= rc[round]
                    }
                }
            }
        }
    }
}
