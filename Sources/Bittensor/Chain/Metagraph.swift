/// A subnet's neurons at one block, as `NeuronInfoRuntimeApi_get_neurons_lite` returns them
/// (u16-normalised values already divided by 65535, stake in rao).
public struct Metagraph: Sendable, Hashable, Codable {
    public var block: UInt64
    public var netuid: UInt16
    public var neurons: [NeuronInfo]

    public init(block: UInt64, netuid: UInt16, neurons: [NeuronInfo]) {
        self.block = block
        self.netuid = netuid
        self.neurons = neurons
    }

    /// The neuron registered with `hotkey` (SS58), if any.
    public func neuron(hotkey: String) -> NeuronInfo? { neurons.first { $0.hotkey == hotkey } }
}

/// One neuron of a metagraph.
public struct NeuronInfo: Sendable, Hashable, Codable {
    public var uid: UInt16
    public var hotkey: String
    public var coldkey: String
    /// Stake on this hotkey in rao (1 TAO = 10⁹ rao).
    public var stake: UInt64
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

    public init(
        uid: UInt16, hotkey: String, coldkey: String, stake: UInt64 = 0, active: Bool = true,
        axon: AxonInfo = AxonInfo(), validatorPermit: Bool = false, rank: Double = 0, trust: Double = 0,
        consensus: Double = 0, validatorTrust: Double = 0, incentive: Double = 0, dividends: Double = 0,
        emission: UInt64 = 0, lastUpdate: UInt64 = 0, pruningScore: Double = 0
    ) {
        self.uid = uid; self.hotkey = hotkey; self.coldkey = coldkey; self.stake = stake
        self.active = active; self.axon = axon; self.validatorPermit = validatorPermit
        self.rank = rank; self.trust = trust; self.consensus = consensus
        self.validatorTrust = validatorTrust; self.incentive = incentive; self.dividends = dividends
        self.emission = emission; self.lastUpdate = lastUpdate; self.pruningScore = pruningScore
    }

    /// Stake in TAO.
    public var stakeTAO: Double { Double(stake) / 1e9 }
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
