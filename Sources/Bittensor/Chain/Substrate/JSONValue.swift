import Foundation

/// A JSON value as JSON-RPC carries it (params, results, error data).
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .double(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .int(i): try c.encode(i)
        case let .double(d): try c.encode(d)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case let .object(o) = self { o[key] } else { nil }
    }

    public var stringValue: String? { if case let .string(s) = self { s } else { nil } }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { a } else { nil } }
    public var intValue: Int64? {
        switch self {
        case let .int(i): i
        case let .double(d): Int64(exactly: d)
        default: nil
        }
    }
    public var isNull: Bool { self == .null }

    /// Hex text (`0x…`) decoded to bytes.
    public var hexBytes: [UInt8]? { stringValue.flatMap { Hex.decode($0) } }

    /// A block number as nodes print it in headers (`"0x5b8d80"`) or as a plain number.
    public var blockNumber: UInt64? {
        if let i = intValue, i >= 0 { return UInt64(i) }
        guard var s = stringValue else { return nil }
        if s.hasPrefix("0x") { s.removeFirst(2); return UInt64(s, radix: 16) }
        return UInt64(s)
    }

    public var description: String {
        (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? "<json>"
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
}
