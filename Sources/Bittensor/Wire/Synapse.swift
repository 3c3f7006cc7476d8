/// A request/response type exchanged between a dendrite and an axon (`bt.Synapse` subclass).
///
/// A conforming type holds the base fields in `base` and lists its own fields, in the Python
/// declaration order, in `fields`: that order is the JSON body's key order.
///
/// ```swift
/// struct Hashed: Synapse {
///     var base = SynapseBase()
///     var prompt = ""
///     var n = 0
///     init() {}
///     static let fields: [SynapseField<Hashed>] = [.init("prompt", \.prompt), .init("n", \.n)]
///     static let requiredHashFields = ["prompt", "n"]
/// }
/// ```
public protocol Synapse: Sendable {
    /// The route and `name` field: the Python class name (`Challenge`). Defaults to the type name.
    static var name: String { get }
    /// The subclass fields in declaration order, with their wire names.
    static var fields: [SynapseField<Self>] { get }
    /// Fields covered by `computed_body_hash`, in the order hashed (empty for SN27).
    static var requiredHashFields: [String] { get }
    /// The base `bt.Synapse` fields.
    var base: SynapseBase { get set }
    /// A synapse with every field at its SDK default.
    init()
}

extension Synapse {
    public static var name: String { String(describing: Self.self) }
    public static var requiredHashFields: [String] { [] }

    /// Seconds the dendrite waits for the answer (default 12).
    public var timeout: Double {
        get { base.timeout }
        set { base.timeout = newValue }
    }
    /// The caller's side: hotkey, nonce, signature, and after a call the status seen by the caller.
    public var dendrite: TerminalInfo {
        get { base.dendrite }
        set { base.dendrite = newValue }
    }
    /// The server's side: address, hotkey and the status the axon reported.
    public var axon: TerminalInfo {
        get { base.axon }
        set { base.axon = newValue }
    }
    /// True when the call succeeded (`dendrite.statusCode == 200`), as `is_success` in the SDK.
    public var isSuccess: Bool { base.dendrite.statusCode == 200 }
}

/// The fields every synapse has (`bt.Synapse`), with the SDK's defaults.
public struct SynapseBase: Sendable, Hashable {
    public var timeout: Double = 12.0
    /// Informational in the SDK (`sys.getsizeof` sums); sent as given.
    public var totalSize: Int = 0
    public var headerSize: Int = 0
    public var dendrite = TerminalInfo()
    public var axon = TerminalInfo()
    /// Always `""` in bodies; the real hash travels in the `computed_body_hash` header.
    public var computedBodyHash: String = ""

    public init() {}
}

/// A value that can be a synapse field: it maps to and from JSON.
public protocol JSONConvertible: Sendable {
    /// The value from JSON; throws `WireError.wrongType` when the JSON has another type.
    init(json: JSON, field: String) throws(WireError)
    /// The value as JSON.
    var json: JSON { get }
}

/// One field of a synapse: its wire name and how to read and write it.
public struct SynapseField<S: Synapse>: Sendable {
    /// The wire (Python) name, e.g. `challenge_hash`.
    public let name: String
    let get: @Sendable (S) -> JSON
    let set: @Sendable (inout S, JSON) throws(WireError) -> Void

    /// The field `name` stored at `keyPath`.
    public init<V: JSONConvertible>(_ name: String, _ keyPath: WritableKeyPath<S, V> & Sendable) {
        self.name = name
        get = { $0[keyPath: keyPath].json }
        set = { (s: inout S, v: JSON) throws(WireError) in s[keyPath: keyPath] = try V(json: v, field: name) }
    }
}

extension String: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) {
        guard case let .string(s) = json else { throw WireError(.wrongType(field: field, expected: "a string")) }
        self = s
    }
    public var json: JSON { .string(self) }
}

extension Int: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) {
        // pydantic lax mode: an integral float or a decimal string also validates as int.
        if case let .string(s) = json, let i = Int(s.trimmingASCIIWhitespace()) { self = i; return }
        if case let .bool(b) = json { self = b ? 1 : 0; return }
        guard let i = json.intValue else { throw WireError(.wrongType(field: field, expected: "an integer")) }
        self = i
    }
    public var json: JSON { .int(self) }
}

extension Double: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) {
        if case let .string(s) = json, let d = Double(s.trimmingASCIIWhitespace()) { self = d; return }
        guard let d = json.doubleValue else { throw WireError(.wrongType(field: field, expected: "a number")) }
        self = d
    }
    public var json: JSON { .double(self) }
}

extension Bool: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) {
        // pydantic lax mode: 0/1 and "true"/"false"-like strings validate as bool.
        switch json {
        case let .bool(b): self = b
        case .int(0): self = false
        case .int(1): self = true
        case let .string(s):
            switch s.lowercased() {
            case "true", "1", "yes", "on", "y", "t": self = true
            case "false", "0", "no", "off", "n", "f": self = false
            default: throw WireError(.wrongType(field: field, expected: "a boolean"))
            }
        default: throw WireError(.wrongType(field: field, expected: "a boolean"))
        }
    }
    public var json: JSON { .bool(self) }
}

extension JSONObject: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) {
        guard case let .object(o) = json else { throw WireError(.wrongType(field: field, expected: "an object")) }
        self = o
    }
    public var json: JSON { .object(self) }
}

extension JSON: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) { self = json }
    public var json: JSON { self }
}

extension Optional: JSONConvertible where Wrapped: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) {
        if case .null = json { self = nil } else { self = try Wrapped(json: json, field: field) }
    }
    public var json: JSON { self?.json ?? .null }
}

extension Array: JSONConvertible where Element: JSONConvertible {
    public init(json: JSON, field: String) throws(WireError) {
        guard case let .array(a) = json else { throw WireError(.wrongType(field: field, expected: "a list")) }
        var out: [Element] = []
        out.reserveCapacity(a.count)
        for v in a { out.append(try Element(json: v, field: field)) }
        self = out
    }
    public var json: JSON { .array(map(\.json)) }
}

/// The SDK's built-in `Synapse` route (a ping with no fields of its own).
public struct PingSynapse: Synapse {
    public static let name = "Synapse"
    public static let fields: [SynapseField<PingSynapse>] = []
    public var base = SynapseBase()
    public init() {}
}
