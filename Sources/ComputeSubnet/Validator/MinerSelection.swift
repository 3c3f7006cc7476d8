import Bittensor
import Foundation

/// Which miners a validator challenges (`get_queryable`, spec §9.3), with the version quorum
/// working as documented (spec §5) rather than as the original's bug (§19.9).
///
/// Steps, in order:
/// 1. keep neurons whose axon is served, whose stake is below `validatorStakeWeight` and whose
///    hotkey / coldkey is not blacklisted (each list checked against its own key, §19.12);
/// 2. keep the lowest uid per IP;
/// 3. version floor: keep axons with `minimumVersion ≤ version < versionCeiling` — unless at most
///    `updatedThresholdPercent` % of the miners left after step 2 are up to date, in which case
///    nobody is filtered (so a new release does not starve the subnet while miners update).
///    The original divided the count of *all* remaining axons, not the up-to-date ones, so its
///    bypass never triggered.
public struct MinerSelection: Sendable, Hashable {
    /// Stake in TAO from which a neuron counts as a validator and is not challenged (1024).
    public var validatorStakeWeight: Double = 1024
    public var blacklistedHotkeys: Set<String> = []
    public var blacklistedColdkeys: Set<String> = []
    /// Lowest accepted axon version (`version2number`, e.g. 1.5.0 → 150); `nil`: no version floor.
    public var minimumVersion: UInt32?
    /// Versions from here on are bittensor's own (6xx) and never a miner's.
    public var versionCeiling: UInt32 = 600
    /// `--validator.whitelist.updated.threshold` (60 %).
    public var updatedThresholdPercent: Double = 60

    public init(
        validatorStakeWeight: Double = 1024, blacklistedHotkeys: Set<String> = [], blacklistedColdkeys: Set<String> = [],
        minimumVersion: UInt32? = nil, updatedThresholdPercent: Double = 60
    ) {
        self.validatorStakeWeight = validatorStakeWeight
        self.blacklistedHotkeys = blacklistedHotkeys
        self.blacklistedColdkeys = blacklistedColdkeys
        self.minimumVersion = minimumVersion
        self.updatedThresholdPercent = updatedThresholdPercent
    }

    /// The outcome of a selection.
    public struct Selection: Sendable, Hashable {
        /// The miners to challenge, by uid.
        public var miners: [NeuronInfo]
        /// Share (0…100) of the IP-unique candidates running an accepted version.
        public var upToDatePercent: Double
        /// Whether the version floor was applied (false: no floor, or the quorum bypass).
        public var versionFilterApplied: Bool
    }

    /// Selects the miners of `metagraph` to challenge.
    public func select(from metagraph: Metagraph) -> Selection {
        var seenIPs: Set<String> = []
        let candidates = metagraph.neurons.sorted { $0.uid < $1.uid }.filter { n in
            n.axon.isServing && n.stakeWeightAlpha < validatorStakeWeight
                && !blacklistedHotkeys.contains(n.hotkey) && !blacklistedColdkeys.contains(n.coldkey)
                && seenIPs.insert(n.axon.ip).inserted
        }
        guard let minimumVersion else {
            return Selection(miners: candidates, upToDatePercent: 100, versionFilterApplied: false)
        }
        let upToDate = candidates.filter { (minimumVersion..<versionCeiling).contains($0.axon.version) }
        let percent = candidates.isEmpty ? 0 : 100 * Double(upToDate.count) / Double(candidates.count)
        if percent <= updatedThresholdPercent {
            return Selection(miners: candidates, upToDatePercent: percent, versionFilterApplied: false)
        }
        return Selection(miners: upToDate, upToDatePercent: percent, versionFilterApplied: true)
    }

    /// `version2number` of the original: "a.b.c" → 100a + 10b + c; `nil` unless three
    /// non-negative integers.
    public static func versionNumber(_ version: String) -> UInt32? {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).map { UInt32($0) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else { return nil }
        return UInt32(exactly: 100 * UInt64(a) + 10 * UInt64(b) + UInt64(c))
    }
}
