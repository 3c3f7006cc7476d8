/// Python's `str()` and `repr()` of JSON-shaped values, as the body hash needs them.
///
/// `computed_body_hash` hashes `str(value)` of each required field (from `model_dump()`):
/// `"hi"` → `hi`, `2` → `2`, `True`, `1.5`, `None`, `{'a': 1}` (repr inside containers).
public enum PythonString {
    /// `str(value)`.
    public static func str(_ value: JSON) -> String {
        if case let .string(s) = value { return s }
        return repr(value)
    }

    /// `repr(value)`.
    public static func repr(_ value: JSON) -> String {
        switch value {
        case .null: return "None"
        case let .bool(b): return b ? "True" : "False"
        case let .int(i): return String(i)
        case let .double(d):
            if d.isNaN { return "nan" }
            if d.isInfinite { return d < 0 ? "-inf" : "inf" }
            return d.description
        case let .string(s): return reprString(s)
        case let .array(a): return "[" + a.map(repr).joined(separator: ", ") + "]"
        case let .object(o): return "{" + o.entries.map { reprString($0.key) + ": " + repr($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// `repr(str)`: single quotes unless the text has `'` and no `"`; non-printables escaped.
    public static func reprString(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7f || (scalar.value >= 0x80 && scalar.value < 0xa0) {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    private static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
