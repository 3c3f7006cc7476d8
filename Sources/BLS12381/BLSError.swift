/// Errors raised when decoding or using BLS12-381 values.
public enum BLSError: Error, Equatable, CustomStringConvertible {
    /// The input has the wrong number of bytes.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// The compression / infinity / sign flag bits are inconsistent.
    case invalidFlags(String)
    /// A coordinate is not a canonical field element (≥ p).
    case nonCanonicalFieldElement
    /// The decoded coordinates are not on the curve (or no y exists for x).
    case notOnCurve
    /// The point is on the curve but not in the prime-order subgroup.
    case notInSubgroup
    /// A secret key is zero or not below the group order r.
    case invalidSecretKey(String)

    public var description: String {
        switch self {
        case let .invalidLength(what, expected, actual):
            return "invalid \(what) length: expected \(expected) bytes, got \(actual)"
        case let .invalidFlags(why): return "invalid point encoding flags: \(why)"
        case .nonCanonicalFieldElement: return "field element is not canonical (value ≥ p)"
        case .notOnCurve: return "point is not on the BLS12-381 curve"
        case .notInSubgroup: return "point is not in the prime-order subgroup"
        case let .invalidSecretKey(why): return "invalid secret key: \(why)"
        }
    }
}
