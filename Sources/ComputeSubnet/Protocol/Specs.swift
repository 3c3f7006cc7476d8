import Bittensor

/// SN27 `Specs` (compute/protocol.py): the validator asks for a hardware description.
public struct Specs: Synapse {
    public static let name = "Specs"
    public var base = SynapseBase()
    /// Validator → miner: `repr()` of the specs executable's bytes (unused by our validators).
    public var specsInput = ""
    /// Miner → validator: the hardware description (JSON text).
    public var specsOutput = ""

    public init() {}

    public init(specsInput: String = "", specsOutput: String = "") {
        self.specsInput = specsInput
        self.specsOutput = specsOutput
    }

    public static let fields: [SynapseField<Specs>] = [
        .init("specs_input", \.specsInput),
        .init("specs_output", \.specsOutput),
    ]

    /// What `deserialize()` returns in Python.
    public var deserialized: String { specsOutput }
}
