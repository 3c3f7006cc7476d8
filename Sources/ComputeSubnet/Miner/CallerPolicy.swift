import Foundation
import Bittensor

/// Who may call a miner, and in which order requests are served (spec §10.3, fixed).
///
/// The original accepted every caller that was *not* on the trusted list (an inverted check, so any
/// registered hotkey, including other miners, could call), and compared the metagraph stake with a
/// TAO threshold although on dynamic TAO that stake is alpha. Here a caller is allowed only when it
///
/// 1. is not blacklisted (hotkey or coldkey; a blacklist beats everything),
/// 2. is registered on the subnet,
/// 3. holds `validator_permit` (the chain's own word on who may set weights), and
/// 4. has a **stake weight** — `alpha + tao_weight × TAO`, in alpha-equivalent, as the chain
///    weighs validators — of at least `minimumStakeWeight`.
///
/// A whitelisted hotkey or coldkey skips the stake-weight check only: it must still be registered
/// and hold a permit, because a whitelist names trusted *validators*, and a validator without a
/// permit cannot set weights, so it has no business probing miners. `allowInsufficientStake`
/// (`--miner.whitelist.not.enough.stake`) likewise waives the stake weight, not the permit;
/// `requireValidatorPermit = false` drops the permit check (tests, private subnets).
public struct CallerPolicy: Sendable {
    /// The original's validator threshold, 1024, now in alpha-equivalent rao of stake weight.
    public static let defaultMinimumStakeWeight: UInt64 = 1024 * Rao.perToken

    /// Least stake weight (alpha + tao_weight × TAO), in alpha-equivalent rao.
    public var minimumStakeWeight: UInt64
    /// `--miner.whitelist.not.enough.stake`: waive the stake-weight check for every registered caller.
    public var allowInsufficientStake: Bool
    /// Callers must hold `validator_permit` (default).
    public var requireValidatorPermit: Bool
    public var blacklistedHotkeys: Set<String>
    public var blacklistedColdkeys: Set<String>
    public var whitelistedHotkeys: Set<String>
    public var whitelistedColdkeys: Set<String>

    public init(
        minimumStakeWeight: UInt64 = CallerPolicy.defaultMinimumStakeWeight, allowInsufficientStake: Bool = false,
        requireValidatorPermit: Bool = true,
        blacklistedHotkeys: Set<String> = [], blacklistedColdkeys: Set<String> = [],
        whitelistedHotkeys: Set<String> = [], whitelistedColdkeys: Set<String> = []
    ) {
        self.minimumStakeWeight = minimumStakeWeight
        self.allowInsufficientStake = allowInsufficientStake
        self.requireValidatorPermit = requireValidatorPermit
        self.blacklistedHotkeys = blacklistedHotkeys
        self.blacklistedColdkeys = blacklistedColdkeys
        self.whitelistedHotkeys = whitelistedHotkeys
        self.whitelistedColdkeys = whitelistedColdkeys
    }

    /// Why a caller was refused; the text goes into the 403 message.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case unregistered(String)
        case noValidatorPermit(String)
        /// Stake weights in whole alpha-equivalent.
        case insufficientStakeWeight(hotkey: String, stakeWeight: Double, required: Double)
        case blacklistedHotkey(String)
        case blacklistedColdkey(String)

        public var description: String {
            switch self {
            case let .unregistered(h): "hotkey \(h) is not registered on this subnet; register it and try again"
            case let .noValidatorPermit(h):
                "hotkey \(h) holds no validator permit on this subnet; the chain grants permits to the top stake weights at each epoch"
            case let .insufficientStakeWeight(h, have, need):
                "hotkey \(h) has stake weight \(format(have)) α-equivalent (alpha + tao_weight × TAO), below the \(format(need)) this miner requires"
            case let .blacklistedHotkey(h): "hotkey \(h) is blacklisted"
            case let .blacklistedColdkey(c): "coldkey \(c) is blacklisted"
            }
        }
    }

    /// Decides whether `hotkey` may call, given the current metagraph.
    public func check(hotkey: String, in metagraph: Metagraph) -> Refusal? {
        if blacklistedHotkeys.contains(hotkey) { return .blacklistedHotkey(hotkey) }
        guard let neuron = metagraph.neuron(hotkey: hotkey) else { return .unregistered(hotkey) }
        if blacklistedColdkeys.contains(neuron.coldkey) { return .blacklistedColdkey(neuron.coldkey) }
        if requireValidatorPermit, !neuron.validatorPermit { return .noValidatorPermit(hotkey) }
        let whitelisted = whitelistedHotkeys.contains(hotkey) || whitelistedColdkeys.contains(neuron.coldkey)
        if !whitelisted, !allowInsufficientStake, neuron.stakeWeight < minimumStakeWeight {
            return .insufficientStakeWeight(
                hotkey: hotkey, stakeWeight: neuron.stakeWeightAlpha, required: Rao.tokens(minimumStakeWeight))
        }
        return nil
    }

    /// Priority of a request: the caller's stake weight (whole alpha-equivalent) plus the
    /// synapse's own priority (Specs 1, Challenge 2, Allocate 3). Unknown callers get the synapse
    /// priority alone (they are refused by `check` before priority matters).
    public func priority(hotkey: String, synapsePriority: Double, in metagraph: Metagraph) -> Double {
        (metagraph.neuron(hotkey: hotkey)?.stakeWeightAlpha ?? 0) + synapsePriority
    }
}

private func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int64(value)) : String(format: "%.3f", value)
}
