import Foundation

/// Amounts on chain are integers in rao: 1 TAO = 10⁹ rao, and 1 alpha (a subnet's own token) is
/// likewise 10⁹ of its smallest unit. `Rao` names the scale once.
public enum Rao {
    /// Smallest units per whole token (TAO or alpha).
    public static let perToken: UInt64 = 1_000_000_000

    /// `rao` as a whole-token amount (TAO or alpha, whichever the value counts).
    public static func tokens(_ rao: UInt64) -> Double { Double(rao) / Double(perToken) }

    /// A whole-token amount in rao, rounded down; negative and non-finite amounts give 0,
    /// amounts past `UInt64.max` rao saturate.
    public static func from(tokens: Double) -> UInt64 {
        guard tokens.isFinite, tokens > 0 else { return 0 }
        let rao = tokens * Double(perToken)
        return rao >= 18_446_744_073_709_551_615.0 ? .max : UInt64(rao)
    }
}

/// Subtensor's `tao_weight`: how much one TAO of root stake counts next to one alpha of subnet
/// stake when the chain weighs validators (`SubtensorModule.TaoWeight`, a `u64` read as
/// `raw / u64::MAX`, see `get_tao_weight` in subtensor's `stake_weights`/`epoch` code).
///
/// Stake weight, the quantity Yuma consensus and the SDK's `metagraph.S`/`total_stake` use:
/// `stake_weight = alpha_stake + tao_weight × tao_stake` (`get_stake_weights_for_network`).
public struct TaoWeight: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The storage value; `raw / UInt64.max` is the proportion.
    public var raw: UInt64

    public init(raw: UInt64) { self.raw = raw }

    /// A proportion in [0, 1] (values outside are clamped).
    public init(proportion: Double) {
        let p = proportion.isFinite ? min(max(proportion, 0), 1) : 0
        raw = p >= 1 ? .max : UInt64((p * 18_446_744_073_709_551_615.0).rounded())
    }

    /// `raw / u64::MAX`.
    public var proportion: Double { Double(raw) / 18_446_744_073_709_551_615.0 }

    /// The runtime's `InitialTaoWeight` (finney genesis default, ≈ 0.0527), which the metadata
    /// gives as the storage default when the item was never written.
    public static let runtimeDefault = TaoWeight(raw: 971_718_665_099_567_868)

    /// The SDK's `ROOT_TAO_STAKE_WEIGHT` (bittensor `settings.py`, 0.18): finney's governed
    /// value, and the devnet's default.
    public static let finney = TaoWeight(proportion: 0.18)

    /// `alpha + tao × raw / u64::MAX` in rao of alpha-equivalent, rounded to the nearest rao
    /// (so a proportion given as a decimal, like 0.18, weighs 1000 TAO as exactly 180 alpha) and
    /// saturating at `UInt64.max`.
    public func stakeWeight(alpha: UInt64, tao: UInt64) -> UInt64 {
        let max = UInt128(UInt64.max)
        let weighted = (UInt128(tao) * UInt128(raw) + max / 2) / max
        let total = UInt128(alpha) + weighted
        return total > UInt128(UInt64.max) ? .max : UInt64(total)
    }

    public var description: String { String(format: "%.4f", proportion) }
}
