import Bittensor
import ComputeSubnet
import Foundation

/// One miner as the API and the dashboard show it.
struct MinerView: Sendable {
    var hotkey: String
    var uid: UInt16
    var score: Double
    /// The last reported specs (a JSON object's text); `nil` when none are known.
    var specsJSON: String?
    var allocated: Bool
    var lastSeen: Date?
    var successRate: Double?
    var challenges: Int
}

/// Filters of `GET /v1/miners`, checked against a miner's stored specs.
struct MinerFilter: Sendable {
    var gpuModel: String?
    var gpuCount: Int?
    var cpuCount: Int?
    var ramGB: Double?
    var diskGB: Double?

    var isEmpty: Bool { gpuModel == nil && gpuCount == nil && cpuCount == nil && ramGB == nil && diskGB == nil }

    /// Whether `specsJSON` meets every filter (a miner without specs meets none).
    func matches(_ specsJSON: String?) -> Bool {
        if isEmpty { return true }
        guard let specsJSON, let specs = try? JSONParser.parse(Array(specsJSON.utf8)) else { return false }
        let request = ResourceRequest(cpuCount: cpuCount ?? 0, gpuType: gpuModel.flatMap { $0.isEmpty ? nil : $0 },
                                      gpuCount: gpuCount.flatMap { $0 > 0 ? $0 : nil }, ramGB: ramGB ?? 0, diskGB: diskGB ?? 0)
        return request.isMet(by: specs)
    }
}

/// Reads the miners from the validator's state (metagraph, scores, verified allocations) and
/// database (specs, challenge statistics).
struct MinerDirectory: Sendable {
    let environment: APIEnvironment

    func miners(filter: MinerFilter = MinerFilter()) async throws -> [MinerView] {
        let env = environment, now = env.now()
        let state = env.state
        var hotkeys: [UInt16: String] = [:]
        if let metagraph = await state.metagraph {
            let validator = await state.status.hotkey
            for neuron in metagraph.neurons where neuron.hotkey != validator { hotkeys[neuron.uid] = neuron.hotkey }
        } else {
            hotkeys = try await env.store.miners()
        }
        let status = await state.status
        let scores = Dictionary(status.miners.map { ($0.hotkey, $0) }, uniquingKeysWith: { a, _ in a })
        let verified = await state.verifiedAllocations
        let allocated = Set(try await env.store.allocations(activeAt: now).map(\.hotkey)).union(verified)
        let specs = Dictionary(try await env.store.allSpecs().map { ($0.hotkey, $0) }, uniquingKeysWith: { a, _ in a })
        let stats = try await env.store.stats(window: env.window, now: now)
        let lastSuccess = try await env.store.lastSuccess()
        let formulaScores = scores.isEmpty ? ScoreFormula().scores(stats: stats) : [:]
        return hotkeys.sorted { $0.key < $1.key }.compactMap { uid, hotkey in
            let stored = specs[hotkey].flatMap { $0.json == "{}" ? nil : $0.json }
            guard filter.matches(stored) else { return nil }
            let s = stats[hotkey]
            return MinerView(
                hotkey: hotkey, uid: uid, score: scores[hotkey]?.score ?? formulaScores[hotkey] ?? 0, specsJSON: stored,
                allocated: allocated.contains(hotkey), lastSeen: lastSuccess[hotkey],
                successRate: s.flatMap { $0.attempts > 0 ? Double($0.successes) / Double($0.attempts) : nil },
                challenges: s?.attempts ?? 0)
        }
    }

    func miner(hotkey: String) async throws -> MinerView? {
        try await miners().first { $0.hotkey == hotkey }
    }
}
