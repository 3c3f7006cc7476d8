/// A SCALE value shaped by the type registry: what the generic codec decodes runtime data to,
/// and what it encodes call arguments and signed extensions from.
public indirect enum ScaleValue: Sendable, Hashable {
    case bool(Bool)
    /// Any unsigned or signed integer up to 128 bits (signed ones as their bit pattern), compact included.
    case uint(UInt128)
    case string(String)
    /// A byte array or `Vec<u8>`.
    case bytes([UInt8])
    /// Sequences, arrays and tuples.
    case sequence([ScaleValue])
    /// A struct: fields in order, with their names when the type names them.
    case composite([ScaleField])
    /// An enum variant.
    case variant(name: String, index: UInt8, fields: [ScaleField])
    /// Values the codec carries without interpreting (bit sequences, 256-bit integers).
    case raw([UInt8])

    /// A struct's fields by name (nil when this is not a composite or has no such field).
    public subscript(field: String) -> ScaleValue? {
        guard case let .composite(fields) = self else { return nil }
        return fields.first { $0.name == field }?.value
    }

    /// The unsigned integer value, looking through single-field wrappers.
    public var uintValue: UInt128? {
        switch self {
        case let .uint(v): v
        case let .bool(b): b ? 1 : 0
        case let .composite(f) where f.count == 1: f[0].value.uintValue
        default: nil
        }
    }

    /// The bytes, looking through single-field wrappers (e.g. `AccountId32([u8; 32])`).
    public var bytesValue: [UInt8]? {
        switch self {
        case let .bytes(b): b
        case let .composite(f) where f.count == 1: f[0].value.bytesValue
        case let .sequence(items):
            items.allSatisfy { if case .uint = $0 { true } else { false } } ? items.compactMap { $0.uintValue.map { UInt8(truncatingIfNeeded: $0) } } : nil
        default: nil
        }
    }

    public var boolValue: Bool? { if case let .bool(b) = self { b } else { nil } }
}

/// One field of a composite value.
public struct ScaleField: Sendable, Hashable {
    public var name: String?
    public var value: ScaleValue
    public init(_ name: String?, _ value: ScaleValue) { self.name = name; self.value = value }
}
