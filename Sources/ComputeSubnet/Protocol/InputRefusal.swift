/// Why a synapse from the wire was refused before any work was done.
///
/// A caller only ever sees `code`, a fixed text built from this type's own constants (the synapse
/// and field names and the rule), never from the value it sent, so nothing the caller controls is
/// echoed and no tool output travels back. `description` is for the miner's log.
public struct InputRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The synapse, e.g. `"Challenge"`.
    public let synapse: String
    /// The wire field, e.g. `"challenge_mask"`.
    public let field: String
    /// The rule the value broke, fixed text (e.g. `"must be ?1 repeated challenge_difficulty times"`).
    public let rule: String

    public init(synapse: String, field: String, rule: String) {
        self.synapse = synapse
        self.field = field
        self.rule = rule
    }

    /// The fixed text a caller gets: `"invalid_input: <field> <rule>"`.
    public var code: String { "invalid_input: \(field) \(rule)" }

    public var description: String { "\(synapse).\(field) refused: \(rule)" }
}
