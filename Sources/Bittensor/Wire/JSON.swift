/// A JSON value that keeps object keys in their original order, as Python dicts do.
///
/// Synapse fields typed `dict` in the Python SDK (`Challenge.output`, `Allocate.device_requirement`)
/// are `JSONObject`s: the order of keys is part of what a Python peer sees, and of `str()`.
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    /// The string, when this is a string.
    public var stringValue: String? { if case let .string(s) = self { s } else { nil } }
    /// The integer, when this is an integer (or a double without fraction, as pydantic's lax mode).
    public var intValue: Int? {
        switch self {
        case let .int(i): i
        case let .double(d) where d.rounded() == d && abs(d) < 9.2e18: Int(d)
        default: nil
        }
    }
    /// The number as a double, when this is a number.
    public var doubleValue: Double? {
        switch self {
        case let .int(i): Double(i)
        case let .double(d): d
        default: nil
        }
    }
    /// The boolean, when this is a boolean.
    public var boolValue: Bool? { if case let .bool(b) = self { b } else { nil } }
    /// The object, when this is an object.
    public var objectValue: JSONObject? { if case let .object(o) = self { o } else { nil } }
    /// The elements, when this is an array.
    public var arrayValue: [JSON]? { if case let .array(a) = self { a } else { nil } }
    /// True for `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// Member `key` of an object (nil for a missing key or a non-object).
    public subscript(key: String) -> JSON? { objectValue?[key] }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
}

/// A JSON object with insertion-ordered keys (a Python `dict`). Equality ignores order, as in Python.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The members in order.
    public private(set) var entries: [(key: String, value: JSON)]

    /// An object with `entries` in that order; a repeated key keeps its first position and last value.
    public init(_ entries: some Sequence<(String, JSON)> = []) {
        // Linear in the number of entries: a hostile 200k-key object must not cost n² key scans.
        var ordered: [(key: String, value: JSON)] = []
        ordered.reserveCapacity(entries.underestimatedCount)
        var position: [String: Int] = [:]
        position.reserveCapacity(entries.underestimatedCount)
        for (k, v) in entries {
            if let i = position[k] {
                ordered[i].value = v
            } else {
                position[k] = ordered.count
                ordered.append((k, v))
            }
        }
        self.entries = ordered
    }

    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }

    /// Number of members.
    public var count: Int { entries.count }
    /// True when the object has no members.
    public var isEmpty: Bool { entries.isEmpty }
    /// The keys in order.
    public var keys: [String] { entries.map(\.key) }

    /// Member `key`; setting nil removes it, setting a new key appends it.
    public subscript(key: String) -> JSON? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> { entries.makeIterator() }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.count <= 16 { return lhs.entries.allSatisfy { rhs[$0.key] == $0.value } }
        let index = Dictionary(rhs.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        return lhs.entries.allSatisfy { index[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, to agree with ==.
        var combined = 0
        for (k, v) in entries {
            var h = Hasher()
            h.combine(k)
            h.combine(v)
            combined ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
