/// A strict, bounded JSON reader (RFC 8259 plus Python's `NaN`/`Infinity`), into `JSON`.
///
/// Rejects invalid UTF-8, lone surrogates, trailing bytes and nesting deeper than `maxDepth`,
/// so hostile bodies fail with a `WireError` instead of crashing or recursing without end.
public struct JSONParser {
    /// The deepest nesting accepted by default.
    public static let maxDepth = 64

    /// Bounds on what one parse may build; beyond them the parse fails with `.tooDeep` or
    /// `.tooManyMembers` (cost stays linear in the input either way).
    public struct Limits: Sendable {
        /// Deepest nesting of arrays/objects.
        public var maxDepth: Int
        /// Most members in one object.
        public var maxObjectKeys: Int
        /// Most values (array elements plus object members) in the whole document.
        public var maxValues: Int

        public init(maxDepth: Int = JSONParser.maxDepth, maxObjectKeys: Int = 65_536, maxValues: Int = 1_048_576) {
            self.maxDepth = maxDepth
            self.maxObjectKeys = maxObjectKeys
            self.maxValues = maxValues
        }

        /// The defaults: depth 64, 65,536 keys per object, 1,048,576 values per document.
        public static let standard = Limits()
    }

    /// Parses exactly one JSON value from `bytes` (surrounding whitespace allowed), within `limits`.
    public static func parse(_ bytes: some Collection<UInt8>, limits: Limits = .standard) throws(WireError) -> JSON {
        let array = bytes as? [UInt8] ?? Array(bytes)
        do {
            return try array.withUnsafeBufferPointer { buffer throws(WireError) -> JSON in
                var p = JSONParser(buffer, limits: limits)
                p.skipWhitespace()
                let v = try p.value(depth: 0)
                p.skipWhitespace()
                guard p.i == buffer.count else { throw p.error("trailing bytes") }
                return v
            }
        }
    }

    private let b: UnsafeBufferPointer<UInt8>
    private let limits: Limits
    private var i = 0
    private var values = 0

    private init(_ b: UnsafeBufferPointer<UInt8>, limits: Limits) {
        self.b = b
        self.limits = limits
    }

    private mutating func countValue() throws(WireError) {
        values += 1
        guard values <= limits.maxValues else { throw WireError(.tooManyMembers(limit: limits.maxValues)) }
    }

    private func error(_ what: String) -> WireError { WireError(.invalidJSON(offset: i, what: what)) }

    private mutating func skipWhitespace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0a || b[i] == 0x0d || b[i] == 0x09 { i += 1 }
    }

    private mutating func literal(_ word: StaticString, _ v: JSON) throws(WireError) -> JSON {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw error("truncated literal") }
        for k in 0..<n where b[i + k] != word.utf8Start[k] { throw error("bad literal") }
        i += n
        return v
    }

    private mutating func value(depth: Int) throws(WireError) -> JSON {
        guard depth < limits.maxDepth else { throw WireError(.tooDeep) }
        guard i < b.count else { throw error("unexpected end") }
        switch b[i] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "N"): return try literal("NaN", .double(.nan))
        case UInt8(ascii: "I"): return try literal("Infinity", .double(.infinity))
        case UInt8(ascii: "-") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "I"):
            i += 1
            return try literal("Infinity", .double(-.infinity))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected byte")
        }
    }

    private mutating func object(depth: Int) throws(WireError) -> JSON {
        i += 1
        var entries: [(String, JSON)] = []
        skipWhitespace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(JSONObject()) }
        while true {
            skipWhitespace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let k = try string()
            skipWhitespace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
            i += 1
            skipWhitespace()
            guard entries.count < limits.maxObjectKeys else { throw WireError(.tooManyMembers(limit: limits.maxObjectKeys)) }
            try countValue()
            entries.append((k, try value(depth: depth + 1)))
            skipWhitespace()
            guard i < b.count else { throw error("unterminated object") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; break }
            throw error("expected ',' or '}'")
        }
        return .object(JSONObject(entries))
    }

    private mutating func array(depth: Int) throws(WireError) -> JSON {
        i += 1
        var out: [JSON] = []
        skipWhitespace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
        while true {
            skipWhitespace()
            try countValue()
            out.append(try value(depth: depth + 1))
            skipWhitespace()
            guard i < b.count else { throw error("unterminated array") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            throw error("expected ',' or ']'")
        }
        return .array(out)
    }

    private mutating func number() throws(WireError) -> JSON {
        let start = i
        var isInteger = true
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count, isDigit(b[i]) else { throw error("bad number") }
        if b[i] == UInt8(ascii: "0") { i += 1 } else { while i < b.count, isDigit(b[i]) { i += 1 } }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < b.count, isDigit(b[i]) else { throw error("bad fraction") }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard i < b.count, isDigit(b[i]) else { throw error("bad exponent") }
            while i < b.count, isDigit(b[i]) { i += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        if isInteger, let v = Int(text) { return .int(v) }
        guard let d = Double(text) else { throw error("bad number") }
        return .double(d)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private mutating func string() throws(WireError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: b[start..<i])
                i += 1
                guard let s = String(validating: raw, as: UTF8.self) else { throw error("invalid UTF-8") }
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in string") }
            i += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw error("invalid UTF-8") }
                return s
            }
            if c < 0x20 { throw error("control character in string") }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard i < b.count else { break }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(try hex4())
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                        throw error("lone surrogate")
                    }
                    i += 2
                    let low = UInt32(try hex4())
                    guard low >= 0xDC00 && low < 0xE000 else { throw error("lone surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("lone surrogate")
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("bad escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw error("bad escape")
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(WireError) -> UInt16 {
        guard i + 4 <= b.count else { throw error("truncated \\u escape") }
        var v: UInt16 = 0
        for _ in 0..<4 {
            let c = b[i]
            let n: UInt16
            switch c {
            case 0x30...0x39: n = UInt16(c - 0x30)
            case 0x61...0x66: n = UInt16(c - 0x61 + 10)
            case 0x41...0x46: n = UInt16(c - 0x41 + 10)
            default: throw error("bad \\u escape")
            }
            v = v << 4 | n
            i += 1
        }
        return v
    }
}
