import Swift

/// The proof-of-work inner loop: BLAKE2b-512(password + salt) for a mask of one custom charset,
/// four candidates at a time in AVX2 lanes (`SIMD4<UInt64>`).
///
/// Candidates are numbered in charset order: index 0 is `charset[0]` repeated, the last
/// position varies fastest. The search is pure and bounded — callers cut the keyspace into
/// chunks and check for cancellation between them.
public struct PowKernel: Sendable {
    /// The password alphabet, in enumeration order.
    public let charset: [UInt8]
    /// Password length (1…12; the password must live in message words 0 and 1).
    public let length: Int
    /// Number of candidates, saturated at `UInt64.max` when `charset.count^length` overflows.
    public let keyspace: UInt64

    private let target0: UInt64
    private let pre: Blake2bBlockPrecomputed
    private let short: Bool
    /// Per last-position digit d (d + lanes ≤ charset size): lane k's XOR from d to d + k.
    private let laneDeltas: [Lanes]

    /// The longest password the kernel handles (two message words).
    public static let maxLength = 12

    /// Returns nil when the shape is outside the kernel (password longer than 12, empty or
    /// over-long charset, password + salt over one 128-byte block, digest not 64 bytes):
    /// callers fall back to a scalar path.
    public init?(charset: [UInt8], length: Int, salt: [UInt8], digest: [UInt8]) {
        guard (1...Self.maxLength).contains(length), !charset.isEmpty, charset.count <= 256,
              length + salt.count <= 128, digest.count == 64 else { return nil }
        self.charset = charset
        self.length = length
        var space: UInt64 = 1
        for _ in 0..<length {
            let (p, o) = space.multipliedReportingOverflow(by: UInt64(charset.count))
            space = o ? .max : p
            if o { break }
        }
        keyspace = space
        var block = [UInt8](repeating: 0, count: 128)
        for (i, b) in salt.enumerated() { block[length + i] = b }
        pre = Blake2bBlockPrecomputed(block: block, messageLength: length + salt.count)
        short = length + salt.count <= 32
        let shift = 8 * UInt64((length - 1) & 7)
        laneDeltas = charset.count >= laneCount ? (0...(charset.count - laneCount)).map { d in
            var v = Lanes()
            for k in 0..<laneCount { v[k] = UInt64(charset[d] ^ charset[d + k]) << shift }
            return v
        } : []
        var t: UInt64 = 0
        for b in 0..<8 { t |= UInt64(digest[b]) << (8 * UInt64(b)) }
        target0 = t
    }

    /// The password at `index` in charset order.
    public func password(at index: UInt64) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        var rest = index
        let n = UInt64(charset.count)
        for p in stride(from: length - 1, through: 0, by: -1) {
            out[p] = charset[Int(rest % n)]
            rest /= n
        }
        return out
    }

    /// Searches candidates `start ..< start + count` (clamped to the keyspace) and returns the
    /// first index whose digest word 0 matches the target. A match is a candidate: confirm it
    /// with a full hash (a false positive has probability 2⁻⁶⁴ per candidate).
    public func search(start: UInt64, count: UInt64) -> UInt64? {
        guard start < keyspace else { return nil }
        let end = count > keyspace - start ? keyspace : start + count
        return charset.withUnsafeBufferPointer { cs in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: length) { digits in
                // Odometer state for `start`, and the two message words it gives.
                let n = cs.count
                var rest = start
                for p in stride(from: length - 1, through: 0, by: -1) {
                    digits[p] = Int(rest % UInt64(n))
                    rest /= UInt64(n)
                }
                var w0 = pre.words.0, w1 = pre.words.1
                for p in 0..<length {
                    let byte = UInt64(cs[digits[p]]) << (8 * UInt64(p & 7))
                    if p < 8 { w0 |= byte } else { w1 |= byte }
                }
                let last = length - 1
                let lastShift = 8 * UInt64(last & 7)
                let lastInW0 = last < 8
                let target = Lanes(repeating: target0)
                var index = start
                while index < end {
                    var m0 = Lanes(), m1 = Lanes()
                    let dl = digits[last]
                    if dl + laneCount <= n {
                        // Fast path: only the last character differs between lanes.
                        let lanes = laneDeltas[dl]
                        if lastInW0 { m0 = Lanes(repeating: w0) ^ lanes; m1 = Lanes(repeating: w1) }
                        else { m0 = Lanes(repeating: w0); m1 = Lanes(repeating: w1) ^ lanes }
                        let nd = dl + laneCount
                        let wrapped = nd == n ? 0 : nd
                        let delta = UInt64(cs[dl] ^ cs[wrapped]) << lastShift
                        if lastInW0 { w0 ^= delta } else { w1 ^= delta }
                        digits[last] = wrapped
                        if wrapped == 0 && last > 0 {
                            // Carry into the higher positions.
                            var p = last - 1
                            while true {
                                let old = digits[p]
                                let d = old + 1 == n ? 0 : old + 1
                                digits[p] = d
                                let delta = UInt64(cs[old] ^ cs[d]) << (8 * UInt64(p & 7))
                                if p < 8 { w0 ^= delta } else { w1 ^= delta }
                                if d != 0 || p == 0 { break }
                                p -= 1
                            }
                        }
                    } else {
                    for lane in 0..<laneCount {
                        m0[lane] = w0; m1[lane] = w1
                        // Advance the odometer by one (the last position varies fastest).
                        var p = last
                        var d = digits[p] + 1
                        if d < n {
                            let delta = UInt64(cs[d - 1] ^ cs[d]) << lastShift
                            if lastInW0 { w0 ^= delta } else { w1 ^= delta }
                            digits[p] = d
                        } else {
                            while true {
                                let old = digits[p]
                                d = old + 1 == n ? 0 : old + 1
                                digits[p] = d
                                let delta = UInt64(cs[old] ^ cs[d]) << (8 * UInt64(p & 7))
                                if p < 8 { w0 ^= delta } else { w1 ^= delta }
                                if d != 0 || p == 0 { break }
                                p -= 1
                            }
                        }
                    }
                    }
                    let h = short ? Blake2bLanes.digestWord0Short(m0, m1, pre)
                                  : Blake2bLanes.digestWord0(m0, m1, pre)
                    let hit = h .== target
                    if any(hit) {
                        for lane in 0..<laneCount where hit[lane] {
                            let i = index + UInt64(lane)
                            if i < end { return i }
                        }
                    }
                    index += UInt64(laneCount)
                }
                return nil
            }
        }
    }
}
