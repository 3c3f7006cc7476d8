import Bittensor
import Foundation

/// Everything a validator's services need to know besides the chain, the store and the keys:
/// periods in blocks, batch sizes, timeouts and the selection and scoring rules.
///
/// The defaults are the original's (spec §4, §9.2); tests and `scripts/localnet` shorten the
/// periods so rounds happen every few blocks.
public struct ValidatorConfiguration: Sendable {
    public var netuid: UInt16 = 27
    /// Blocks between challenge rounds, drawn anew each round (50…80).
    public var challengeSchedule = ChallengeSchedule()
    /// Blocks between specs rounds (150).
    public var specsInterval: UInt64 = 150
    /// Blocks between weight sets; `nil`: the subnet's `weights_rate_limit` (100).
    public var weightsInterval: UInt64?
    /// Challenges in flight at once (`--validator.challenge.batch.size`, 256).
    public var challengeBatchSize = 256
    /// Specs queries in flight at once (`--validator.specs.batch.size`, 64).
    public var specsBatchSize = 64
    /// Whether specs rounds run (`--validator.perform.hardware.query`).
    public var performHardwareQuery = true
    /// Seconds a miner has to answer a challenge (`pow_timeout`, 30).
    public var challengeTimeout: Double = 30
    /// Seconds a miner has to answer a specs query (`specs_timeout`, 60).
    public var specsTimeout: Double = 60
    /// Seconds a miner has to answer an allocation probe (the SDK default, 12).
    public var allocationProbeTimeout: Double = 12
    /// Which miners are queried (served, below validator stake, not blacklisted, one per IP, version floor).
    public var selection = MinerSelection()
    /// Challenge difficulty bounds and steps (6…12).
    public var difficulty: DifficultyController
    /// The score of the seed (issue 8).
    public var formula = ScoreFormula()
    /// The statistics window (24 h + last 20).
    public var statsWindow = StatsWindow()
    /// Seconds between polls of the chain's head.
    public var pollInterval: Double = 1
    /// Whether miners the register CLI rented out (with a verified lease) are left out of challenge rounds.
    public var skipAllocatedMiners = true
    /// The `version_key` of our weights.
    public var versionKey = UInt64(ComputeSubnetVersion.asInt)
    /// The subnet mechanism weights are committed for under commit-reveal (`--validator.mecid`, 0).
    public var mecid: UInt8 = 0
    /// Encrypts weights to the chain's beacon when the subnet has commit-reveal on; `nil`: such
    /// a subnet's weights fail with `CommitRevealSetupError.noCipher`.
    public var timelock: (any TimelockCipher)?

    public init(netuid: UInt16 = 27) {
        self.netuid = netuid
        // 6…12 is valid by construction.
        difficulty = try! DifficultyController(min: 6, max: 12)
    }

    /// Checks the values a user can set from the command line.
    /// - Throws: `ValidatorError.invalidConfiguration` naming the first bad value.
    public func validate() throws(ValidatorError) {
        func fail(_ why: String) -> ValidatorError { .invalidConfiguration(why) }
        guard challengeBatchSize >= 1 else { throw fail("challenge batch size must be at least 1") }
        guard specsBatchSize >= 1 else { throw fail("specs batch size must be at least 1") }
        guard challengeSchedule.intervals.lowerBound >= 1 else { throw fail("challenge interval must be at least 1 block") }
        guard specsInterval >= 1 else { throw fail("specs interval must be at least 1 block") }
        if let weightsInterval, weightsInterval < 1 { throw fail("weights interval must be at least 1 block") }
        for (name, value) in [("challenge timeout", challengeTimeout), ("specs timeout", specsTimeout),
                              ("allocation probe timeout", allocationProbeTimeout), ("poll interval", pollInterval)]
        where !(value.isFinite && value > 0) {
            throw fail("\(name) must be a positive number of seconds")
        }
        guard (0...100).contains(selection.updatedThresholdPercent) else {
            throw fail("whitelist updated threshold must be 0…100 %")
        }
    }
}

/// Why a validator stopped or refused to start.
public enum ValidatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value out of range (the text says which).
    case invalidConfiguration(String)
    /// The validator's hotkey holds no uid on the subnet (at start, or it was deregistered).
    case notRegistered(hotkey: String, netuid: UInt16)
    /// The wallet's hotkey cannot sign.
    case missingSecret(hotkey: String)

    public var description: String {
        switch self {
        case let .invalidConfiguration(why): "invalid validator configuration: \(why)"
        case let .notRegistered(hotkey, netuid):
            "hotkey \(hotkey) is not registered on subnet \(netuid): register it (btcli subnet register / compute-subnet subnet register) and start the validator again"
        case let .missingSecret(hotkey): "hotkey \(hotkey) has no secret key and cannot sign"
        }
    }
}
