/// The SDK's `convert_weights_and_uids_for_emit`: max-scale to u16 with round half to even,
/// dropping zero weights with their uids.
///
/// CONTRACT (filled in by the Subtensor client work; tested against the SDK).
public enum WeightQuantizer {
    public static func quantize(uids: [UInt16], weights: [Double]) throws(ChainError) -> (uids: [UInt16], weights: [UInt16]) {
        fatalError("WeightQuantizer.quantize not implemented yet")
    }
}
