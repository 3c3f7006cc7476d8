import Bittensor
import Foundation
import ServiceLifecycle

/// What one specs round did.
public struct SpecsRoundReport: Sendable, Codable, Hashable {
    public var block: UInt64
    public var queried: Int
    /// Miners whose answer was a non-empty JSON object.
    public var answered: Int
    public var seconds: Double
}

/// Specs rounds (spec §9.5, the 1.4.1 flow without the executable): every `specsInterval`
/// blocks the queryable miners, in random batches of `specsBatchSize`, get a `Specs` query with
/// `specsTimeout`; each answer that is a JSON object is stored per hotkey, anything else counts
/// as a miss (`ValidatorStore.storeSpecs`). The register CLI picks rental candidates from these.
public struct SpecsService: Service {
    let context: ValidatorContext

    public init(context: ValidatorContext) {
        self.context = context
    }

    /// Runs the specs round of `block`.
    public func runRound(at block: UInt64) async throws -> SpecsRoundReport {
        let started = ContinuousClock.now
        let config = context.configuration
        let metagraph: Metagraph
        if let synced = await context.state.metagraph { metagraph = synced } else {
            metagraph = try await context.chain.metagraph(netuid: context.netuid)
        }
        let miners = context.queryable(metagraph).shuffled()
        var answered = 0
        var start = 0
        while start < miners.count {
            let batch = Array(miners[start..<min(start + config.specsBatchSize, miners.count)])
            start += batch.count
            let replies = await context.dendrite.fanOut(to: batch.map(AxonEndpoint.init(neuron:)), synapse: Specs(),
                                                        timeout: config.specsTimeout, maxConcurrent: batch.count)
            try Task.checkCancellation()
            let now = context.now()
            for (miner, reply) in zip(batch, replies) {
                let json = reply.isSuccess ? Self.specsObject(reply.specsOutput) : nil
                if json != nil { answered += 1 }
                try await context.store.storeSpecs(hotkey: miner.hotkey, json: json, at: now)
            }
        }
        let report = SpecsRoundReport(block: block, queried: miners.count, answered: answered, seconds: secondsSince(started))
        context.metrics.roundFinished("specs", seconds: report.seconds)
        await context.state.record(specs: report)
        context.logger.info("specs round done", metadata: ["block": "\(block)", "queried": "\(report.queried)",
                                                            "answered": "\(report.answered)"])
        return report
    }

    /// The answer as JSON object text, `nil` unless it is a non-empty JSON object.
    public static func specsObject(_ text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], !object.isEmpty else {
            return nil
        }
        return text
    }

    /// The stored specs parsed into `HardwareSpecs` (`nil` when they do not have that shape).
    public static func hardware(_ specs: StoredSpecs) -> HardwareSpecs? {
        try? JSONDecoder().decode(HardwareSpecs.self, from: Data(specs.json.utf8))
    }

    public func run() async throws {
        guard context.configuration.performHardwareQuery else { return }
        let interval = context.configuration.specsInterval
        try await BlockRounds(context: context, name: "specs round").run(round: { block in
            _ = try await self.runRound(at: block)
            return block + interval
        }, afterFailure: { block in block + interval })
    }
}
