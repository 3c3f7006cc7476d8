/// The SDK's `convert_and_normalize_weights_and_uids` (→ `convert_weights_and_uids_for_emit`):
/// weights become float32 (as `np.array(…, dtype=np.float32)`), are max-scaled, multiplied by
/// 65535 and rounded half to even (Python `round`); zero results are dropped with their uids.
public enum WeightQuantizer {
    /// Quantises `weights` for `uids`. Returns empty arrays when every weight is zero (the SDK
    /// then sends nothing). Throws `ChainError.invalidWeights` for negative or non-finite
    /// weights or mismatched lengths.
    public static func quantize(uids: [UInt16], weights: [Double]) throws(ChainError) -> (uids: [UInt16], weights: [UInt16]) {
        guard uids.count == weights.count else {
            throw .invalidWeights("uids and weights must have the same length, got \(uids.count) and \(weights.count)")
        }
        guard !weights.isEmpty else { return ([], []) }
        // The SDK works on float32 values, widened back to Python floats.
        let values = weights.map { Double(Float($0)) }
        if let bad = values.first(where: { !$0.isFinite }) { throw .invalidWeights("weight \(bad) is not finite") }
        if let negative = values.first(where: { $0 < 0 }) { throw .invalidWeights("weight \(negative) is negative") }
        guard values.reduce(0, +) != 0, let maxWeight = values.max() else { return ([], []) }
        var outUids = [UInt16](), outWeights = [UInt16]()
        for (uid, value) in zip(uids, values) {
            let scaled = (value / maxWeight * 65535).rounded(.toNearestOrEven)
            if scaled != 0 {
                outUids.append(uid)
                outWeights.append(UInt16(scaled))
            }
        }
        return (outUids, outWeights)
    }
}
