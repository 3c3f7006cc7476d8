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
