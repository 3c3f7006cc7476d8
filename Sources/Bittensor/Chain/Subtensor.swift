/// What a neuron needs from a chain, real (`SubstrateClient` against finney/test/local) or
/// embedded (`BittensorDevnet`). Everything above the chain layer codes against this seam.
public protocol Subtensor: Sendable {
    /// The best block number.
    func currentBlock() async throws -> UInt64
    /// The subnet's neurons at the current block.
    func metagraph(netuid: UInt16) async throws -> Metagraph
    /// Whether `hotkey` (SS58) holds a uid on `netuid`.
    func isRegistered(hotkey: String, netuid: UInt16) async throws -> Bool
    /// The hyperparameters a neuron needs.
    func hyperparameters(netuid: UInt16) async throws -> SubnetHyperparameters
    /// Blocks since `uid` last set weights (or registered).
    func blocksSinceLastUpdate(netuid: UInt16, uid: UInt16) async throws -> UInt64
    /// Publishes the axon endpoint of `signer` (the hotkey).
    func serveAxon(netuid: UInt16, axon: AxonInfo, signer: Keypair) async throws
    /// Sets weights signed by the hotkey. `weights` are raw non-negative values; they are
    /// quantised like the SDK (`WeightQuantizer`). Throws `ChainError.commitRevealEnabled`
    /// when the subnet requires commit-reveal.
    func setWeights(netuid: UInt16, uids: [UInt16], weights: [Double], versionKey: UInt64, signer: Keypair) async throws
    /// Burned registration of `hotkey` (SS58) on `netuid`, signed and paid by the coldkey.
    func burnedRegister(netuid: UInt16, hotkey: String, coldkey: Keypair) async throws

    // MARK: commit-reveal v4 (defaults in `Subtensor+CommitReveal.swift`)

    /// The subnet's epoch schedule at the head (`LastEpochBlock`, `PendingEpochAt`,
    /// `SubnetEpochIndex`, `Tempo`, `BlocksSinceLastStep`), read at one block.
    func epochSchedule(netuid: UInt16) async throws -> EpochSchedule
    /// The beacon commits are encrypted to: drand quicknet on finney/test, the devnet's own key
    /// on a devnet.
    func timelockBeacon() async throws -> TimelockBeacon
    /// Seconds per block, for turning reveal blocks into beacon rounds (12 on finney).
    func expectedBlockTime() async throws -> Double
    /// `commit_timelocked_mechanism_weights(netuid, mecid, commit, reveal_round,
    /// commit_reveal_version)` signed by the hotkey. `commit` is the raw timelock ciphertext of a
    /// SCALE `WeightsTlockPayload`. Throws `ChainError.module` with the pallet's error name
    /// (`CommitRevealDisabled`, `TooManyUnrevealedCommits`, `InvalidRevealRound`, …).
    func commitTimelockedWeights(netuid: UInt16, mecid: UInt8, commit: [UInt8], revealRound: UInt64,
                                 version: UInt16, signer: Keypair) async throws
}

/// Subnet hyperparameters used by neurons.
public struct SubnetHyperparameters: Sendable, Hashable, Codable {
    public var tempo: UInt16
    public var weightsRateLimit: UInt64
    public var weightsVersionKey: UInt64
    public var commitRevealEnabled: Bool
    public var minAllowedWeights: UInt16
    /// u16-normalised (65535 = 1.0).
    public var maxWeightLimit: UInt16
    public var immunityPeriod: UInt16
    public var maxAllowedUids: UInt16
    /// `RevealPeriodEpochs` (the SDK's `commit_reveal_period`): a commit made in epoch n is
    /// revealed in epoch n + this.
    public var revealPeriodEpochs: UInt64

    public init(tempo: UInt16 = 360, weightsRateLimit: UInt64 = 100, weightsVersionKey: UInt64 = 0,
                commitRevealEnabled: Bool = false, minAllowedWeights: UInt16 = 1, maxWeightLimit: UInt16 = 65535,
                immunityPeriod: UInt16 = 5000, maxAllowedUids: UInt16 = 256, revealPeriodEpochs: UInt64 = 1) {
        self.tempo = tempo; self.weightsRateLimit = weightsRateLimit; self.weightsVersionKey = weightsVersionKey
        self.commitRevealEnabled = commitRevealEnabled; self.minAllowedWeights = minAllowedWeights
        self.maxWeightLimit = maxWeightLimit; self.immunityPeriod = immunityPeriod; self.maxAllowedUids = maxAllowedUids
        self.revealPeriodEpochs = revealPeriodEpochs
    }
}

/// A chain-level failure, shared by the real client and the devnet. Module errors carry the
/// pallet error name as the runtime reports it (e.g. `SettingWeightsTooFast`).
public enum ChainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The runtime rejected the call with `pallet.name` (e.g. SubtensorModule.NotRegistered).
    case module(pallet: String, name: String, docs: String = "")
    case commitRevealEnabled(netuid: UInt16)
    /// A timelocked commit on a subnet whose commit-reveal is off: use `setWeights`.
    case commitRevealDisabled(netuid: UInt16)
    case notRegistered(hotkey: String, netuid: UInt16)
    case subnetNotFound(netuid: UInt16)
    case invalidWeights(String)
    case rpc(code: Int, message: String)
    /// The node could not be reached or the link failed; `cause` is the transport's error.
    case connection(String, cause: ErrorCause? = nil)
    case timeout(String)
    /// The node's answer could not be decoded; `cause` is the decoder's error.
    case decoding(String, cause: ErrorCause? = nil)
    /// A call or value this client cannot encode; `cause` is the encoder's error.
    case unsupported(String, cause: ErrorCause? = nil)

    public var description: String {
        switch self {
        case let .module(pallet, name, docs): docs.isEmpty ? "\(pallet).\(name)" : "\(pallet).\(name): \(docs)"
        case let .commitRevealEnabled(netuid): "commit-reveal is enabled on subnet \(netuid); plain set_weights is refused (CommitRevealEnabled)"
        case let .commitRevealDisabled(netuid): "commit-reveal is disabled on subnet \(netuid); set weights with set_weights instead (CommitRevealDisabled)"
        case let .notRegistered(hotkey, netuid): "hotkey \(hotkey) is not registered on subnet \(netuid)"
        case let .subnetNotFound(netuid): "subnet \(netuid) does not exist"
        case let .invalidWeights(why): "invalid weights: \(why)"
        case let .rpc(code, message): "JSON-RPC error \(code): \(message)"
        case let .connection(why, cause): "connection failed: \(why)\(cause.map { ": \($0)" } ?? "")"
        case let .timeout(what): "timed out: \(what)"
        case let .decoding(why, cause): "could not decode chain data: \(why)\(cause.map { ": \($0)" } ?? "")"
        case let .unsupported(why, cause): "unsupported: \(why)\(cause.map { ": \($0)" } ?? "")"
        }
    }

    /// The module error name, when this is a module error (or the dedicated cases' chain names).
    public var moduleErrorName: String? {
        switch self {
        case let .module(_, name, _): name
        case .commitRevealEnabled: "CommitRevealEnabled"
        case .commitRevealDisabled: "CommitRevealDisabled"
        case .notRegistered: "HotKeyNotRegisteredInSubNet"
        case .subnetNotFound: "SubNetworkDoesNotExist"
        default: nil
        }
    }
}
