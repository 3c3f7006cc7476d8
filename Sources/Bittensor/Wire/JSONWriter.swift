/// Writes JSON bytes the way the Python peers do.
///
/// `.python` is `json.dumps` with its defaults (what aiohttp sends: `", "` and `": "` separators,
/// non-ASCII escaped as `\uXXXX`); `.compact` is FastAPI's `JSONResponse` (`","`/`":"`, UTF-8 kept).
/// Floats use the shortest round-trip form, which for Swift and Python `repr` is the same text.
public struct JSONWriter: Sendable {
    /// The separator and escaping convention.
    public enum Style: Sendable {
        /// `json.dumps(obj)`: `", "`, `": "`, `ensure_ascii=True` (Python dendrite request bodies).
        case python
        /// `json.dumps(obj, separators=(",", ":"), ensure_ascii=False)` (FastAPI responses).
        case compact
    }

    /// The bytes written so far.
    public var bytes: [UInt8] = []
    public let style: Style

    public init(style: Style, capacity: Int = 1024) {
        self.style = style
        bytes.reserveCapacity(capacity)
    }

    /// Writes one complete value.
    public mutating func write(_ value: JSON) {
        switch value {
        case .null: append("null")
        case let .bool(b): append(b ? "true" : "false")
        case let .int(i): append(String(i))
        case let .double(d): writeDouble(d)
        case let .string(s): writeString(s)
        case let .array(a):
            bytes.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { itemSeparator() }
                write(v)
            }
            bytes.append(UInt8(ascii: "]"))
        case let .object(o):
            beginObject()
            for (i, (k, v)) in o.entries.enumerated() { key(k, first: i == 0); write(v) }
            endObject()
        }
    }

    /// `{`
    public mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
    /// `}`
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")) }

    /// Writes a member key with the separators before (unless `first`) and after it.
    public mutating func key(_ name: String, first: Bool = false) {
        if !first { itemSeparator() }
        writeString(name)
        switch style {
        case .python: bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        case .compact: bytes.append(UInt8(ascii: ":"))
        }
    }

    private mutating func itemSeparator() {
        switch style {
        case .python: bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
        case .compact: bytes.append(UInt8(ascii: ","))
        }
    }

    private mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Python writes `NaN`/`Infinity` (FastAPI refuses them); we write `null`, which both parse.
    public mutating func writeDouble(_ d: Double) {
        if d.isFinite { append(d.description) } else { append("null") }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal with Python's escaping.
    public mutating func writeString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Fast path: runs of plain printable ASCII are copied as they are.
            var runStart = 0
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                if b >= 0x20 && b != 0x22 && b != 0x5c && (b < 0x7f || (b == 0x7f && style == .compact)) { i += 1; continue }
                // (Python's ensure_ascii also escapes DEL.)
                if b >= 0x80 && style == .compact { i += 1; continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                if b < 0x80 {
                    escapeASCII(b)
                    i += 1
                } else {
                    // Non-ASCII in .python style: decode one scalar, write \uXXXX (surrogate pairs above U+FFFF).
                    let (scalar, length) = Self.decodeScalar(utf8, at: i)
                    if scalar > 0xFFFF {
                        let v = scalar - 0x10000
                        escapeUnit(UInt16(0xD800 + (v >> 10)))
                        escapeUnit(UInt16(0xDC00 + (v & 0x3FF)))
                    } else {
                        escapeUnit(UInt16(scalar))
                    }
                    i += length
                }
                runStart = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escapeASCII(_ b: UInt8) {
        switch b {
        case 0x22: bytes.append(contentsOf: [0x5c, 0x22])
        case 0x5c: bytes.append(contentsOf: [0x5c, 0x5c])
        case 0x0a: bytes.append(contentsOf: [0x5c, UInt8(ascii: "n")])
        case 0x0d: bytes.append(contentsOf: [0x5c, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [0x5c, UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [0x5c, UInt8(ascii: "b")])
        case 0x0c: bytes.append(contentsOf: [0x5c, UInt8(ascii: "f")])
        default: escapeUnit(UInt16(b))
        }
    }

    private mutating func escapeUnit(_ u: UInt16) {
        bytes.append(contentsOf: [0x5c, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((u >> UInt16(shift)) & 0xF)])
        }
    }

    /// Decodes one scalar from valid UTF-8 (Swift strings are always valid).
    private static func decodeScalar(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let b0 = UInt32(u[i])
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(u[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(u[i + 1]) & 0x3F) << 6) | (UInt32(u[i + 2]) & 0x3F), 3)
        }
        return (((b0 & 0x07) << 18) | ((UInt32(u[i + 1]) & 0x3F) << 12) | ((UInt32(u[i + 2]) & 0x3F) << 6)
            | (UInt32(u[i + 3]) & 0x3F), 4)
    }
}

extension JSON {
    /// This value as JSON text in `style`.
    public func jsonText(style: JSONWriter.Style = .compact) -> String {
        var w = JSONWriter(style: style, capacity: 64)
        w.write(self)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
