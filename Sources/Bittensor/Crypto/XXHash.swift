/// xxHash64 and Substrate's `twox` storage hashers built on it (each seed's digest little-endian,
/// concatenated: twox64 = seed 0, twox128 = seeds 0‖1, twox256 = seeds 0‖1‖2‖3).
public enum XXHash {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// xxHash64 of `data` with `seed`.
    public static func xxh64(_ data: some Collection<UInt8>, seed: UInt64 = 0) -> UInt64 {
        let bytes = Array(data)
        return bytes.withUnsafeBytes { xxh64(raw: $0, seed: seed) }
    }

    /// Substrate `twox_64`: 8 bytes.
    public static func twox64(_ data: some Collection<UInt8>) -> [UInt8] { twox(data, lanes: 1) }
    /// Substrate `twox_128`: 16 bytes (storage prefixes: twox128(pallet) ‖ twox128(item)).
    public static func twox128(_ data: some Collection<UInt8>) -> [UInt8] { twox(data, lanes: 2) }
    /// Substrate `twox_256`: 32 bytes.
    public static func twox256(_ data: some Collection<UInt8>) -> [UInt8] { twox(data, lanes: 4) }

    private static func twox(_ data: some Collection<UInt8>, lanes: Int) -> [UInt8] {
        let bytes = Array(data)
        var out = [UInt8]()
        out.reserveCapacity(lanes * 8)
        bytes.withUnsafeBytes { raw in
            for seed in 0..<UInt64(lanes) {
                let h = xxh64(raw: raw, seed: seed)
                for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: h >> (8 * UInt64(i)))) }
            }
        }
        return out
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ val: UInt64) -> UInt64 {
        (acc ^ round(0, val)) &* p1 &+ p4
    }

    private static func xxh64(raw: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let count = raw.count
        var i = 0
        @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        @inline(__always) func u32(_ at: Int) -> UInt64 { UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }

        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while i + 32 <= count {
                v1 = round(v1, u64(i)); v2 = round(v2, u64(i + 8))
                v3 = round(v3, u64(i + 16)); v4 = round(v4, u64(i + 24))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(count)
        while i + 8 <= count {
            h ^= round(0, u64(i))
            h = rotl(h, 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= count {
            h ^= u32(i) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            i += 4
        }
        while i < count {
            h ^= UInt64(raw[i]) &* p5
            h = rotl(h, 11) &* p1
            i += 1
        }
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}
