import BLS12381

/// The raw tlock ciphertext as arkworks serialises `TLECiphertext` (what the chain stores):
/// U (96) ‖ u64 32 ‖ V ‖ u64 32 ‖ W ‖ u64 len(body) ‖ body ‖ u64 8 ‖ "AES_GCM_",
/// body = u64 len(ct) ‖ ct‖tag ‖ u64 12 ‖ nonce. Integers are u64 little-endian.
struct TimelockCiphertext {
    static let cipherSuite: [UInt8] = Array("AES_GCM_".utf8)
    /// Fixed overhead over the plaintext length.
    static let overhead = 244

    var u: [UInt8]
    var v: [UInt8]
    var w: [UInt8]
    var sealed: [UInt8]  // AES-GCM ciphertext ‖ tag
    var nonce: [UInt8]

    func serialized() -> [UInt8] {
        var out = u
        out += le64(32) + v + le64(32) + w
        let body = le64(sealed.count) + sealed + le64(nonce.count) + nonce
        out += le64(body.count) + body
        out += le64(TimelockCiphertext.cipherSuite.count) + TimelockCiphertext.cipherSuite
        return out
    }

    /// Parses with bounded, overflow-free length checks.
    init(u: [UInt8], v: [UInt8], w: [UInt8], sealed: [UInt8], nonce: [UInt8]) {
        (self.u, self.v, self.w, self.sealed, self.nonce) = (u, v, w, sealed, nonce)
    }

    init(parsing bytes: [UInt8]) throws(TimelockError) {
        var r = Reader(bytes)
        guard bytes.count >= TimelockCiphertext.overhead else {
            throw .malformedCiphertext("\(bytes.count) bytes is shorter than the \(TimelockCiphertext.overhead)-byte minimum")
        }
        u = try r.take(96, "U")
        v = try r.vec(exactly: 32, "V")
        w = try r.vec(exactly: 32, "W")
        let bodyLength = try r.length("body")
        let bodyStart = r.offset
        sealed = try r.vec("AES-GCM ciphertext")
        guard sealed.count >= 16 else { throw .malformedCiphertext("AES-GCM ciphertext shorter than its tag") }
        nonce = try r.vec(exactly: 12, "nonce")
        guard r.offset - bodyStart == bodyLength else { throw .malformedCiphertext("body length field does not match its content") }
        let suite = try r.vec("cipher suite")
        guard suite == TimelockCiphertext.cipherSuite else { throw .malformedCiphertext("unknown cipher suite") }
        guard r.offset == bytes.count else { throw .malformedCiphertext("\(bytes.count - r.offset) trailing bytes") }
    }
}

private func le64(_ n: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(n) >> UInt64(8 * $0)) } }

/// Bounds-checked cursor over the ciphertext.
private struct Reader {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ n: Int, _ what: String) throws(TimelockError) -> [UInt8] {
        guard n >= 0, bytes.count - offset >= n else { throw .malformedCiphertext("truncated in \(what)") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    /// A u64 length that must fit in the remaining input.
    mutating func length(_ what: String) throws(TimelockError) -> Int {
        let raw = try take(8, "\(what) length")
        var v: UInt64 = 0
        for (i, b) in raw.enumerated() { v |= UInt64(b) << UInt64(8 * i) }
        guard v <= UInt64(bytes.count - offset) else { throw .malformedCiphertext("\(what) length \(v) exceeds the input") }
        return Int(v)
    }

    mutating func vec(_ what: String) throws(TimelockError) -> [UInt8] {
        try take(try length(what), what)
    }

    mutating func vec(exactly n: Int, _ what: String) throws(TimelockError) -> [UInt8] {
        let v = try vec(what)
        guard v.count == n else { throw .malformedCiphertext("\(what) has \(v.count) bytes, expected \(n)") }
        return v
    }
}
