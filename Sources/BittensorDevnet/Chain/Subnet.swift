import Bittensor
import GRDB

/// A devnet subnet's hyperparameters, named as subtensor names them. Defaults follow the
/// chain's defaults where a demo can live with them; `devnet init` shortens tempo and periods.
public struct SubnetParameters: Sendable, Hashable, Codable {
    public var netuid: UInt16
    /// Blocks between epochs (an epoch runs when `(block + netuid + 1) % (tempo + 1) == tempo`).
    public var tempo: UInt16 = 360
    public var maxAllowedUids: UInt16 = 256
    /// Blocks after registration during which a neuron cannot be replaced.
    public var immunityPeriod: UInt16 = 5000
    /// Blocks a neuron must wait between `set_weights` (counted from registration too).
    public var weightsRateLimit: UInt64 = 100
    /// `set_weights` needs `version_key >= weightsVersionKey` (0 disables the check).
    public var weightsVersionKey: UInt64 = 0
    public var minAllowedWeights: UInt16 = 1
    /// u16-normalised cap on one weight after normalisation (65535 = no cap).
    public var maxWeightLimit: UInt16 = 65535
    /// Validator permits go to this many top stakes at each epoch.
    public var maxAllowedValidators: UInt16 = 64
    /// Blocks without `set_weights` after which a validator's stake stops counting.
    public var activityCutoff: UInt16 = 5000
    /// Consensus majority, u16-normalised (32767 ≈ 0.5).
    public var kappa: UInt16 = 32767
    /// Bonds EMA in millionths (900 000 → alpha 0.1).
    public var bondsMovingAverage: UInt64 = 900_000
    /// Burned registration cost in rao.
    public var burn: UInt64 = Rao.perToken
    /// Weights only through `commit_timelocked_mechanism_weights`; `set_weights` is refused.
    public var commitRevealEnabled: Bool = false
    /// `RevealPeriodEpochs`: a commit made in epoch n is revealed in epoch n + this.
    public var revealPeriodEpochs: UInt64 = 1
    /// Rao emitted into this subnet per block, paid out at each epoch.
    public var emissionPerBlock: UInt64 = Rao.perToken

    public init(netuid: UInt16) { self.netuid = netuid }

    /// The hyperparameters a neuron reads (`Subtensor.hyperparameters`).
    public var hyperparameters: SubnetHyperparameters {
        SubnetHyperparameters(
            tempo: tempo, weightsRateLimit: weightsRateLimit, weightsVersionKey: weightsVersionKey,
            commitRevealEnabled: commitRevealEnabled, minAllowedWeights: minAllowedWeights,
            maxWeightLimit: maxWeightLimit, immunityPeriod: immunityPeriod, maxAllowedUids: maxAllowedUids,
            revealPeriodEpochs: revealPeriodEpochs)
    }

    /// True when an epoch runs at `block` (subtensor's `blocks_until_next_epoch == 0`).
    public func isEpochBlock(_ block: UInt64) -> Bool {
        guard tempo > 0 else { return false }
        let t = UInt64(tempo)
        return (block + UInt64(netuid) + 1) % (t + 1) == t
    }

    /// Checks the parameters make a usable subnet.
    func validate() throws(DevnetError) {
        guard maxAllowedUids > 0 else { throw .invalidArgument("max allowed uids must be positive") }
        guard kappa > 0 else { throw .invalidArgument("kappa must be positive") }
        guard bondsMovingAverage <= 1_000_000 else { throw .invalidArgument("bonds moving average is at most 1 000 000") }
        guard revealPeriodEpochs >= 1 else { throw .invalidArgument("the reveal period is at least 1 epoch") }
    }
}

extension SubnetParameters: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "subnet" }
}
