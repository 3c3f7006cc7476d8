/// A subnet's neurons at one block, as `NeuronInfoRuntimeApi_get_neurons_lite` returns them
/// (u16-normalised values already divided by 65535, stakes in rao), with the chain's
/// `tao_weight` that turns each neuron's alpha and TAO stake into its stake weight.
public struct Metagraph: Sendable, Hashable, Codable {
    public var block: UInt64
    public var netuid: UInt16
    public var neurons: [NeuronInfo]
    /// `SubtensorModule.TaoWeight` at `block` (the runtime default when the chain gave none).
    public var taoWeight: TaoWeight

    public init(block: UInt64, netuid: UInt16, neurons: [NeuronInfo], taoWeight: TaoWeight = .runtimeDefault) {
        self.block = block
        self.netuid = netuid
        self.neurons = neurons
        self.taoWeight = taoWeight
    }

    /// The neuron registered with `hotkey` (SS58), if any.
    public func neuron(hotkey: String) -> NeuronInfo? { neurons.first { $0.hotkey == hotkey } }
}

/// One neuron of a metagraph.
///
/// Stake comes in three numbers, as on the dynamic-TAO chain (SDK 10's `alpha_stake`,
/// `tao_stake`, `total_stake`/`S`):
/// - `alphaStake`: the subnet's own token staked on this hotkey on this subnet (what
///   `NeuronInfoLite.stake` sums to), in rao of alpha;
/// - `taoStake`: TAO staked on this hotkey on root, in rao of TAO (0 when the source does not
///   report it: `get_neurons_lite` carries alpha only);
/// - `stakeWeight`: `alphaStake + tao_weight × taoStake`, alpha-equivalent rao — what weighs a
///   validator in consensus and what the miner's caller threshold compares with.
public struct NeuronInfo: Sendable, Hashable, Codable {
    public var uid: UInt16
    public var hotkey: String
    public var coldkey: String
    /// Alpha staked on this hotkey on this subnet, in rao of alpha (10⁹ per alpha).
    public var alphaStake: UInt64
    /// TAO staked on this hotkey on root, in rao of TAO (10⁹ per TAO).
    public var taoStake: UInt64
    /// `alphaStake + tao_weight × taoStake`, in rao of alpha-equivalent.
    public var stakeWeight: UInt64
    public var active: Bool
    public var axon: AxonInfo
    public var validatorPermit: Bool
    public var rank: Double
    public var trust: Double
    public var consensus: Double
    public var validatorTrust: Double
    public var incentive: Double
    public var dividends: Double
    /// Emission in rao per tempo.
    public var emission: UInt64
    public var lastUpdate: UInt64
    public var pruningScore: Double

    /// `stakeWeight` defaults to `alphaStake + tao_weight × taoStake` at `taoWeight`.
    public init(
        uid: UInt16, hotkey: String, coldkey: String, alphaStake: UInt64 = 0, taoStake: UInt64 = 0,
        stakeWeight: UInt64? = nil, taoWeight: TaoWeight = .runtimeDefault, active: Bool = true,
        axon: AxonInfo = AxonInfo(), validatorPermit: Bool = false, rank: Double = 0, trust: Double = 0,
        consensus: Double = 0, validatorTrust: Double = 0, incentive: Double = 0, dividends: Double = 0,
        emission: UInt64 = 0, lastUpdate: UInt64 = 0, pruningScore: Double = 0
    ) {
        self.uid = uid; self.hotkey = hotkey; self.coldkey = coldkey
        self.alphaStake = alphaStake; self.taoStake = taoStake
        self.stakeWeight = stakeWeight ?? taoWeight.stakeWeight(alpha: alphaStake, tao: taoStake)
        self.active = active; self.axon = axon; self.validatorPermit = validatorPermit
        self.rank = rank; self.trust = trust; self.consensus = consensus
        self.validatorTrust = validatorTrust; self.incentive = incentive; self.dividends = dividends
        self.emission = emission; self.lastUpdate = lastUpdate; self.pruningScore = pruningScore
    }

    /// The pre-dTAO initialiser: `stake` is alpha on this subnet (no TAO stake), so the stake
    /// weight equals it.
    @available(*, deprecated, message: "say which stake: alphaStake:, taoStake:, stakeWeight:")
    public init(
        uid: UInt16, hotkey: String, coldkey: String, stake: UInt64, active: Bool = true,
        axon: AxonInfo = AxonInfo(), validatorPermit: Bool = false, rank: Double = 0, trust: Double = 0,
        consensus: Double = 0, validatorTrust: Double = 0, incentive: Double = 0, dividends: Double = 0,
        emission: UInt64 = 0, lastUpdate: UInt64 = 0, pruningScore: Double = 0
    ) {
        self.init(uid: uid, hotkey: hotkey, coldkey: coldkey, alphaStake: stake, taoStake: 0, stakeWeight: stake,
                  active: active, axon: axon, validatorPermit: validatorPermit, rank: rank, trust: trust,
                  consensus: consensus, validatorTrust: validatorTrust, incentive: incentive, dividends: dividends,
                  emission: emission, lastUpdate: lastUpdate, pruningScore: pruningScore)
    }

    /// Alpha staked on this subnet, in whole alpha.
    public var alpha: Double { Rao.tokens(alphaStake) }
    /// TAO staked on root, in whole TAO.
    public var tao: Double { Rao.tokens(taoStake) }
    /// Stake weight in whole alpha-equivalent (alpha + tao_weight × TAO).
    public var stakeWeightAlpha: Double { Rao.tokens(stakeWeight) }

    /// Was "stake in TAO"; on dynamic TAO the metagraph stake is alpha, so this now returns the
    /// stake weight in alpha-equivalent. Kept for callers not yet moved.
    @available(*, deprecated, renamed: "stakeWeightAlpha", message: "alpha-equivalent stake weight, not TAO")
    public var stakeTAO: Double { stakeWeightAlpha }

    /// Was "stake in rao"; now the stake weight (alpha-equivalent rao).
    @available(*, deprecated, renamed: "stakeWeight", message: "say which stake: alphaStake, taoStake or stakeWeight")
    public var stake: UInt64 { stakeWeight }
}

/// Where a neuron serves its axon (`AxonInfo` on chain).
public struct AxonInfo: Sendable, Hashable, Codable {
    public var block: UInt64
    public var version: UInt32
    /// Dotted IPv4 or IPv6 text; `0.0.0.0` when not served.
    public var ip: String
    public var port: UInt16
    /// 4 or 6.
    public var ipType: UInt8
    public var `protocol`: UInt8
    public var placeholder1: UInt8
    public var placeholder2: UInt8

    public init(block: UInt64 = 0, version: UInt32 = 0, ip: String = "0.0.0.0", port: UInt16 = 0,
                ipType: UInt8 = 4, protocol: UInt8 = 4, placeholder1: UInt8 = 0, placeholder2: UInt8 = 0) {
        self.block = block; self.version = version; self.ip = ip; self.port = port
        self.ipType = ipType; self.protocol = `protocol`; self.placeholder1 = placeholder1; self.placeholder2 = placeholder2
    }

    /// True when the axon has been served (a non-zero address).
    public var isServing: Bool { ip != "0.0.0.0" && ip != "::" && port != 0 }
}
