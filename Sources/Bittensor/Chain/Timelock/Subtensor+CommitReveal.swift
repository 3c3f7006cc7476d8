/// Defaults for the commit-reveal requirements, so a `Subtensor` that predates them (a bench
/// stub, a test double) still compiles; real chains override them.
extension Subtensor {
    public func epochSchedule(netuid: UInt16) async throws -> EpochSchedule {
        throw ChainError.unsupported("\(type(of: self)) cannot read the epoch schedule needed for commit-reveal")
    }

    public func timelockBeacon() async throws -> TimelockBeacon { .quicknet }

    public func expectedBlockTime() async throws -> Double { 12 }

    public func commitTimelockedWeights(netuid: UInt16, mecid: UInt8, commit: [UInt8], revealRound: UInt64,
                                        version: UInt16, signer: Keypair) async throws {
        throw ChainError.unsupported("\(type(of: self)) cannot submit commit_timelocked_mechanism_weights")
    }
}

/// Commit-reveal constants as the chain defines them.
public enum CommitReveal {
    /// The `commit_reveal_version` the runtime expects (`CommitRevealWeightsVersion`, 4 on finney).
    public static let version: UInt16 = 4
    /// `MAX_CRV3_COMMIT_SIZE_BYTES`: the `commit` BoundedVec bound.
    public static let maxCommitBytes = 5000
    /// Unrevealed commits one hotkey may hold per subnet mechanism and epoch.
    public static let maxUnrevealedCommits = 10
}
