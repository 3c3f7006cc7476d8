import Bittensor
import Foundation

/// What the validator's services share while running: the latest metagraph, the verified
/// allocations, and the last round of each kind (served as `/status`).
public actor ValidatorState {
    public private(set) var metagraph: Metagraph?
    /// Our uid in the latest metagraph.
    public private(set) var uid: UInt16?
    /// Hotkeys with an active lease of this validator that the miner verified at the last check.
    public private(set) var verifiedAllocations: Set<String> = []
    public private(set) var status: ValidatorStatus

    public init(hotkey: String, netuid: UInt16) {
        status = ValidatorStatus(hotkey: hotkey, netuid: netuid)
    }

    func update(metagraph: Metagraph, uid: UInt16?) {
        self.metagraph = metagraph
        self.uid = uid
        status.block = metagraph.block
        status.uid = uid
        status.neurons = metagraph.neurons.count
    }

    func update(verifiedAllocations: Set<String>) {
        self.verifiedAllocations = verifiedAllocations
        status.allocatedHotkeys = verifiedAllocations.sorted()
    }

    func record(challenge report: ChallengeRoundReport) { status.lastChallengeRound = report }
    func record(specs report: SpecsRoundReport) { status.lastSpecsRound = report }
    func record(weights report: WeightsReport) {
        status.lastWeights = report
        if report.error == nil { status.lastWeightsSetBlock = report.block }
    }
    func record(scores: [MinerScore]) { status.miners = scores }
    func record(nextChallengeBlock: UInt64?) { status.nextChallengeBlock = nextChallengeBlock }

    /// Waits (polling) until a metagraph has been synced; returns it.
    func waitForMetagraph(poll: Double) async throws -> Metagraph {
        while true {
            if let metagraph { return metagraph }
            try await Task.sleep(for: .milliseconds(Int64(poll * 1000)))
        }
    }
}

/// The `/status` document.
public struct ValidatorStatus: Sendable, Codable, Hashable {
    public var version = ComputeSubnetVersion.string
    public var hotkey: String
    public var netuid: UInt16
    public var uid: UInt16?
    public var block: UInt64?
    public var neurons: Int = 0
    public var nextChallengeBlock: UInt64?
    public var lastChallengeRound: ChallengeRoundReport?
    public var lastSpecsRound: SpecsRoundReport?
    public var lastWeights: WeightsReport?
    public var lastWeightsSetBlock: UInt64?
    public var allocatedHotkeys: [String] = []
    /// Per-miner scores as of the last weights computation.
    public var miners: [MinerScore] = []

    public init(hotkey: String, netuid: UInt16) {
        self.hotkey = hotkey
        self.netuid = netuid
    }

    /// The document as JSON text (sorted keys).
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }
}

/// One miner's standing at a weights computation.
public struct MinerScore: Sendable, Codable, Hashable {
    public var uid: UInt16
    public var hotkey: String
    public var score: Double
    public var weight: Double
    /// The difficulty its next challenge gets.
    public var difficulty: Int
    public var allocated: Bool
    public var penalized: Bool
}
