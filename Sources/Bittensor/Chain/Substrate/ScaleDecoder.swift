/// Why SCALE bytes could not be decoded.
public enum ScaleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input ended `needed` bytes early at `offset`.
    case truncated(offset: Int, needed: Int)
    case invalidCompact(offset: Int)
    case invalidBool(offset: Int, byte: UInt8)
    case invalidOption(offset: Int, byte: UInt8)
    case invalidUTF8(offset: Int)
    case unknownVariant(type: String, index: UInt8)
    case unknownType(id: UInt32)
    case trailingBytes(count: Int)
    case valueOutOfRange(String)
    case mismatch(String)

    public var description: String {
        switch self {
        case let .truncated(offset, needed): "SCALE input truncated at byte \(offset) (\(needed) more bytes needed)"
        case let .invalidCompact(offset): "invalid compact integer at byte \(offset)"
        case let .invalidBool(offset, byte): "invalid bool 0x\(String(byte, radix: 16)) at byte \(offset)"
        case let .invalidOption(offset, byte): "invalid Option tag 0x\(String(byte, radix: 16)) at byte \(offset)"
        case let .invalidUTF8(offset): "invalid UTF-8 string at byte \(offset)"
        case let .unknownVariant(type, index): "unknown variant index \(index) of \(type)"
        case let .unknownType(id): "type id \(id) is not in the registry"
        case let .trailingBytes(count): "\(count) bytes left over after decoding"
        case let .valueOutOfRange(what): "value out of range: \(what)"
        case let .mismatch(what): "value does not fit the type: \(what)"
        }
    }
}

/// A cursor over SCALE-encoded bytes (parity-scale-codec): little-endian fixed integers,
/// compact integers, bools, options, length-prefixed vectors and strings.
public struct ScaleDecoder: Sendable {
    public let bytes: [UInt8]
    /// The next byte to read.
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes not yet read.
    public var remaining: Int { bytes.count - offset }
    public var isAtEnd: Bool { offset >= bytes.count }

    /// Throws `trailingBytes` unless every byte was consumed.
    public func expectEnd() throws(ScaleError) {
        if remaining != 0 { throw .trailingBytes(count: remaining) }
    }

    public mutating func readBytes(_ count: Int) throws(ScaleError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .truncated(offset: offset, needed: count - max(remaining, 0)) }
        let out = Array(bytes[offset..<offset + count])
        offset += count
        return out
    }

    public mutating func skip(_ count: Int) throws(ScaleError) {
        guard count >= 0, remaining >= count else { throw .truncated(offset: offset, needed: count - max(remaining, 0)) }
        offset += count
    }

    public mutating func u8() throws(ScaleError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated(offset: offset, needed: 1) }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func uint<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(ScaleError) -> T {
        let size = T.bitWidth / 8
        guard remaining >= size else { throw .truncated(offset: offset, needed: size - remaining) }
        var v: T = 0
        for i in 0..<size { v |= T(bytes[offset + i]) << (8 * i) }
        offset += size
        return v
    }

    public mutating func u16() throws(ScaleError) -> UInt16 { try uint(UInt16.self) }
    public mutating func u32() throws(ScaleError) -> UInt32 { try uint(UInt32.self) }
    public mutating func u64() throws(ScaleError) -> UInt64 { try uint(UInt64.self) }
    public mutating func u128() throws(ScaleError) -> UInt128 { try uint(UInt128.self) }

    public mutating func bool() throws(ScaleError) -> Bool {
        let at = offset
        switch try u8() {
        case 0: return false
        case 1: return true
        case let b: throw .invalidBool(offset: at, byte: b)
        }
    }

    /// A compact (variable-length) unsigned integer up to 128 bits.
    public mutating func compact() throws(ScaleError) -> UInt128 {
        let at = offset
        let first = try u8()
        switch first & 0b11 {
        case 0: return UInt128(first >> 2)
        case 1:
            let second = try u8()
            return UInt128((UInt16(second) << 8 | UInt16(first)) >> 2)
        case 2:
            offset = at
            return UInt128(try u32() >> 2)
        default:
            let count = Int(first >> 2) + 4
            guard count <= 16 else { throw .invalidCompact(offset: at) }
            let raw = try readBytes(count)
            var v: UInt128 = 0
            for (i, b) in raw.enumerated() { v |= UInt128(b) << (8 * i) }
            return v
        }
    }

    /// A compact integer that must fit `T` (e.g. a length or a `Compact<u16>`).
    public mutating func compact<T: FixedWidthInteger>(as _: T.Type) throws(ScaleError) -> T {
        let v = try compact()
        guard let out = T(exactly: v) else { throw .valueOutOfRange("compact \(v) does not fit \(T.self)") }
        return out
    }

    /// A compact length prefix, checked against the bytes left so a corrupt length cannot
    /// make a caller allocate a huge array.
    public mutating func length(minElementSize: Int = 1) throws(ScaleError) -> Int {
        let at = offset
        let n = try compact()
        guard n <= UInt128(remaining / max(minElementSize, 1)) || (minElementSize == 0 && n <= 1 << 24) else {
            throw .truncated(offset: at, needed: Int(clamping: min(n, UInt128(Int.max))) - remaining)
        }
        return Int(n)
    }

    /// `Vec<u8>`.
    public mutating func byteVector() throws(ScaleError) -> [UInt8] {
        try readBytes(try length())
    }

    /// A SCALE string (compact length + UTF-8).
    public mutating func string() throws(ScaleError) -> String {
        let at = offset
        let raw = try byteVector()
        guard let s = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(offset: at) }
        return s
    }

    /// `Option<T>`: a 0/1 tag and, when 1, the value.
    public mutating func option<T>(_ body: (inout ScaleDecoder) throws(ScaleError) -> T) throws(ScaleError) -> T? {
        let at = offset
        switch try u8() {
        case 0: return nil
        case 1: return try body(&self)
        case let b: throw .invalidOption(offset: at, byte: b)
        }
    }

    /// `Vec<T>`.
    public mutating func vector<T>(minElementSize: Int = 1, _ body: (inout ScaleDecoder) throws(ScaleError) -> T) throws(ScaleError) -> [T] {
        let n = try length(minElementSize: minElementSize)
        var out = [T]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try body(&self)) }
        return out
    }
}
