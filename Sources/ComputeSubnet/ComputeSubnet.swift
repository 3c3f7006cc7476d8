import Bittensor

/// This implementation's version, published as the miner's axon version, the validator's
/// `version_key` for weights, and compared by validators' version floor (original §5:
/// `100·major + 10·minor + patch`).
public enum ComputeSubnetVersion {
    public static let major = 1
    public static let minor = 5
    public static let patch = 0
    /// "1.5.0".
    public static var string: String { "\(major).\(minor).\(patch)" }
    /// 150: the original's `__version_as_int__` scheme, so Python validators' floors apply unchanged.
    public static var asInt: Int { 100 * major + 10 * minor + patch }
}
