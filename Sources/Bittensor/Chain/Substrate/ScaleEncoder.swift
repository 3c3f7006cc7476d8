/// Builds SCALE-encoded bytes (parity-scale-codec).
public struct ScaleEncoder: Sendable {
    public private(set) var bytes: [UInt8]

    public init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    public mutating func append(_ raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }
    public mutating func u8(_ v: UInt8) { bytes.append(v) }
    public mutating func u16(_ v: UInt16) { uint(v) }
    public mutating func u32(_ v: UInt32) { uint(v) }
    public mutating func u64(_ v: UInt64) { uint(v) }
    public mutating func u128(_ v: UInt128) { uint(v) }
    public mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    private mutating func uint<T: FixedWidthInteger & UnsignedInteger>(_ v: T) {
        for i in 0..<(T.bitWidth / 8) { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) }
    }

    /// A compact (variable-length) unsigned integer.
    public mutating func compact(_ value: some BinaryInteger) {
        let v = UInt128(value)
        switch v {
        case 0..<(1 << 6): bytes.append(UInt8(v) << 2)
        case (1 << 6)..<(1 << 14): uint(UInt16(v) << 2 | 0b01)
        case (1 << 14)..<(1 << 30): uint(UInt32(v) << 2 | 0b10)
        default:
            var raw = [UInt8]()
            var rest = v
            while rest > 0 { raw.append(UInt8(truncatingIfNeeded: rest)); rest >>= 8 }
            bytes.append(UInt8(raw.count - 4) << 2 | 0b11)
            bytes.append(contentsOf: raw)
        }
    }

    /// `Vec<u8>`: compact length then the bytes.
    public mutating func byteVector(_ raw: [UInt8]) {
        compact(raw.count)
        bytes.append(contentsOf: raw)
    }

    public mutating func string(_ s: String) { byteVector(Array(s.utf8)) }

    /// The compact encoding of one value.
    public static func compact(_ value: some BinaryInteger) -> [UInt8] {
        var e = ScaleEncoder()
        e.compact(value)
        return e.bytes
    }
}
