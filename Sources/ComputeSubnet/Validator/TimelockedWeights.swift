import Bittensor
import Foundation

/// Commit-reveal v4 weights, as SDK 10.5's `commit_timelocked_weights_extrinsic` does them:
/// quantise like `set_weights`, read the epoch schedule and reveal period at the head, compute
/// the beacon round the chain will reveal at (`RevealRound`, bittensor-drand's
/// `get_encrypted_commit_v2`), timelock-encrypt the SCALE `WeightsTlockPayload` to the chain's
/// beacon and submit `commit_timelocked_mechanism_weights`.
public struct TimelockedWeights: Sendable {
    public let chain: any Subtensor
    public let cipher: any TimelockCipher
    public let hotkey: Keypair
    public let netuid: UInt16
    public let mecid: UInt8
    /// Unix seconds (the SDK reads the wall clock when it computes the round).
    public let now: @Sendable () -> Double

    public init(chain: any Subtensor, cipher: any TimelockCipher, hotkey: Keypair, netuid: UInt16, mecid: UInt8 = 0,
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.chain = chain; self.cipher = cipher; self.hotkey = hotkey; self.netuid = netuid; self.mecid = mecid; self.now = now
    }

    /// What was committed.
    public struct Commit: Sendable, Hashable {
        public var round: UInt64
        public var revealBlock: UInt64
        public var payload: WeightsTlockPayload
        public var ciphertextBytes: Int
    }

    /// Encrypts and commits `weights` (raw, non-negative) for `uids`.
    /// - Throws: `ChainError` from the chain (e.g. `CommittingWeightsTooFast`,
    ///   `TooManyUnrevealedCommits`), `EpochScheduleError` when no reveal can be predicted,
    ///   or the cipher's error.
    @discardableResult
    public func commit(uids: [UInt16], weights: [Double], versionKey: UInt64,
                       hyperparameters: SubnetHyperparameters) async throws -> Commit {
        let q = try WeightQuantizer.quantize(uids: uids, weights: weights)
        guard !q.uids.isEmpty else { throw ChainError.invalidWeights("all weights are zero; nothing to commit") }
        let schedule = try await chain.epochSchedule(netuid: netuid)
        let beacon = try await chain.timelockBeacon()
        let blockTime = try await chain.expectedBlockTime()
        let reveal = try RevealRound(schedule: schedule, revealPeriodEpochs: hyperparameters.revealPeriodEpochs,
                                     blockTime: blockTime, beacon: beacon, now: now())
        let payload = WeightsTlockPayload(hotkey: hotkey.publicKey, uids: q.uids, values: q.weights, versionKey: versionKey)
        let ciphertext = try cipher.encrypt(payload.encoded, round: reveal.round, publicKey: beacon.publicKey)
        guard ciphertext.count <= CommitReveal.maxCommitBytes else {
            throw ChainError.invalidWeights("the encrypted commit is \(ciphertext.count) bytes, over the chain's \(CommitReveal.maxCommitBytes); weight fewer uids")
        }
        try await chain.commitTimelockedWeights(netuid: netuid, mecid: mecid, commit: ciphertext, revealRound: reveal.round,
                                                version: CommitReveal.version, signer: hotkey)
        return Commit(round: reveal.round, revealBlock: reveal.revealBlock, payload: payload, ciphertextBytes: ciphertext.count)
    }
}

/// Why the validator cannot set weights the way the chain requires.
public enum CommitRevealSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Commit-reveal is on for the subnet but this validator runs without a timelock cipher.
    case noCipher(netuid: UInt16)

    public var description: String {
        switch self {
        case let .noCipher(netuid):
            "commit-reveal is enabled on subnet \(netuid) but this validator has no timelock cipher configured, so it cannot commit weights; run a build with the Timelock module (ValidatorConfiguration.timelock)"
        }
    }
}
