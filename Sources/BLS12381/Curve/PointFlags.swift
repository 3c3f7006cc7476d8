/// The three ZCash flag bits in the first byte of an encoded point.
struct PointFlags {
    let infinity: Bool
    let sign: Bool

    /// Validates the flags for the expected form (compressed or not).
    init(byte: UInt8, compressed: Bool) throws(BLSError) {
        let c = byte & 0x80 != 0
        infinity = byte & 0x40 != 0
        sign = byte & 0x20 != 0
        if c != compressed {
            throw .invalidFlags(compressed ? "compression flag not set on a compressed point"
                                           : "compression flag set on an uncompressed point")
        }
        if infinity && sign { throw .invalidFlags("sign flag set on the point at infinity") }
        if !compressed && sign { throw .invalidFlags("sign flag set on an uncompressed point") }
    }
}

/// An encoded point after the checks every decoder makes first: its length, the flags for its
/// form, and an all-zero body for the point at infinity. `body` has the flag bits cleared.
struct EncodedPoint {
    let flags: PointFlags
    let body: [UInt8]

    init(_ bytes: [UInt8], length: Int, compressed: Bool, what: String) throws(BLSError) {
        guard bytes.count == length else { throw .invalidLength(what: what, expected: length, actual: bytes.count) }
        flags = try PointFlags(byte: bytes[0], compressed: compressed)
        var body = bytes
        body[0] &= 0x1f
        if flags.infinity, !body.allSatisfy({ $0 == 0 }) { throw .invalidFlags("infinity flag set with non-zero coordinates") }
        self.body = body
    }

    /// The point at infinity.
    var isIdentity: Bool { flags.infinity }
}
