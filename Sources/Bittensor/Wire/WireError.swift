/// Why bytes or headers could not be read as (or written from) a synapse.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The bytes are not valid JSON (or not UTF-8), at byte `offset`.
        case invalidJSON(offset: Int, what: String)
        /// JSON nesting deeper than the reader allows.
        case tooDeep
        /// An object or document with more members than the reader allows.
        case tooManyMembers(limit: Int)
        /// The body is JSON but not an object.
        case notAnObject
        /// A field has a value of the wrong type.
        case wrongType(field: String, expected: String)
        /// A header has a value that does not parse.
        case badHeader(name: String, value: String)
        /// A header the request needs is absent.
        case missingHeader(String)
    }

    /// What went wrong.
    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .invalidJSON(offset, what): "invalid JSON at byte \(offset): \(what)"
        case .tooDeep: "JSON nested too deeply"
        case let .tooManyMembers(limit): "JSON has more than \(limit) members; refused"
        case .notAnObject: "JSON body is not an object"
        case let .wrongType(field, expected): "field '\(field)' must be \(expected)"
        case let .badHeader(name, value): "header '\(name)' has an invalid value '\(value.prefix(64))'"
        case let .missingHeader(name): "header '\(name)' is missing"
        }
    }
}
