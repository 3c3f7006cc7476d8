import Foundation
import Bittensor

/// Who may call a miner, and in which order requests are served (spec §10.3, fixed).
///
/// The original accepted every caller that was *not* on the trusted list (an inverted check, so any
/// registered hotkey, including other miners, could call). Here a caller is allowed only when it is
/// registered on the subnet, holds at least `minimumStake` (unless waived), and is not blacklisted;
/// a whitelisted hotkey or coldkey skips the stake check only.
public struct CallerPolicy: Sendable {
    /// The original's validator threshold: 1024 TAO, in rao.
    public static let defaultMinimumStake: UInt64 = 1024 * 1_000_000_000

    public var minimumStake: UInt64
    /// `--miner.whitelist.not.enough.stake`: waive the stake check for every registered caller.
    public var allowInsufficientStake: Bool
    public var blacklistedHotkeys: Set<String>
    public var blacklistedColdkeys: Set<String>
    public var whitelistedHotkeys: Set<String>
    public var whitelistedColdkeys: Set<String>

    public init(
        minimumStake: UInt64 = CallerPolicy.defaultMinimumStake, allowInsufficientStake: Bool = false,
        blacklistedHotkeys: Set<String> = [], blacklistedColdkeys: Set<String> = [],
        whitelistedHotkeys: Set<String> = [], whitelistedColdkeys: Set<String> = []
    ) {
        self.minimumStake = minimumStake
        self.allowInsufficientStake = allowInsufficientStake
        self.blacklistedHotkeys = blacklistedHotkeys
        self.blacklistedColdkeys = blacklistedColdkeys
        self.whitelistedHotkeys = whitelistedHotkeys
        self.whitelistedColdkeys = whitelistedColdkeys
    }

    /// Why a caller was refused; the text goes into the 403 message.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case unregistered(String)
        case insufficientStake(hotkey: String, stakeTAO: Double, requiredTAO: Double)
        case blacklistedHotkey(String)
        case blacklistedColdkey(String)

        public var description: String {
            switch self {
            case let .unregistered(h): "hotkey \(h) is not registered on this subnet"
            case let .insufficientStake(h, have, need):
                "hotkey \(h) holds \(formatTAO(have)) TAO, below the \(formatTAO(need)) TAO validator stake"
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
        let whitelisted = whitelistedHotkeys.contains(hotkey) || whitelistedColdkeys.contains(neuron.coldkey)
        if !whitelisted, !allowInsufficientStake, neuron.stake < minimumStake {
            return .insufficientStake(
                hotkey: hotkey, stakeTAO: neuron.stakeTAO, requiredTAO: Double(minimumStake) / 1e9)
        }
        return nil
    }

    /// Priority of a request: the caller's stake in TAO plus the synapse's own priority
    /// (Specs 1, Challenge 2, Allocate 3). Unknown callers get the synapse priority alone
    /// (they are refused by `check` before priority matters).
    public func priority(hotkey: String, synapsePriority: Double, in metagraph: Metagraph) -> Double {
        (metagraph.neuron(hotkey: hotkey)?.stakeTAO ?? 0) + synapsePriority
    }
}

private func formatTAO(_ value: Double) -> String {
    value == value.rounded() ? String(Int64(value)) : String(format: "%.3f", value)
}
