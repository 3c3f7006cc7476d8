import ArgumentParser
import AsyncHTTPClient
import Bittensor
import ComputeSubnet
import ComputeSubnetBench
import Foundation

/// `compute-subnet bench flood`: a legitimate validator's latency against a Swift axon with its
/// default limits, first alone (the anchor), then while strangers flood it with forged 32 MiB
/// uploads; resident memory before, during and after.
struct BenchFloodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flood", abstract: "A validator's p99 and the axon's memory while strangers flood it with forged uploads.")

    @Option(help: "Forged upload connections held open at once (from 127.0.0.2–5).")
    var connections = 200

    @Option(help: "Requests in flight from the legitimate validator.")
    var concurrency = 8

    @Option(help: "Seconds measured without and then with the flood.")
    var seconds: Double = 5

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard (1...2000).contains(connections) else { throw ValidationError("--connections must be in 1…2000") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be in 1…256") }
        guard seconds > 0, seconds <= 120 else { throw ValidationError("--seconds must be in (0, 120]") }
    }

    struct Report: Codable {
        var alone: AxonLoad.Result
        var flooded: AxonLoad.Result
        var p99_ratio: Double
        var forged_uploads_refused: Int
        var rss_mib_before: Double
        var rss_mib_during: Double
        var rss_mib_after: Double
        var connections: Int
    }

    func run() async throws {
        ProcessUsage.raiseDescriptorLimit()
        let miner = try Keypair(mnemonic: BenchAxonCommand.minerMnemonic)
        let validator = try Keypair(uri: BenchAxonCommand.validatorURI)
        let axon = Axon(keypair: miner, configuration: AxonConfiguration(host: "127.0.0.1", port: 0))
        let specsText = AxonLoad.specsText
        axon.attach(Specs.self, forward: { synapse, _ in
            var s = synapse
            s.specsOutput = specsText
            return s
        })
        let port = try await axon.start()
        let endpoint = AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: miner.ss58Address)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let dendrites = (0..<concurrency).map { _ in Dendrite(keypair: validator, httpClient: client) }
        func rssMiB() -> Double { Double(ProcessUsage.residentKiB() ?? 0) / 1024 }

        _ = await AxonLoad.run(dendrites: dendrites, endpoint: endpoint, seconds: 1)  // warm-up
        let before = rssMiB()
        let alone = await AxonLoad.run(dendrites: dendrites, endpoint: endpoint, seconds: seconds)
        let flood = ForgedUploadFlood(port: port)
        flood.start(connections: connections)
        try await Task.sleep(for: .milliseconds(500))
        var during = rssMiB()
        let sampler = Task {
            var peak = 0.0
            while !Task.isCancelled {
                peak = max(peak, rssMiB())
                try? await Task.sleep(for: .milliseconds(100))
            }
            return peak
        }
        let flooded = await AxonLoad.run(dendrites: dendrites, endpoint: endpoint, seconds: seconds)
        sampler.cancel()
        during = max(during, await sampler.value)
        let refused = flood.refused
        flood.stop()
        try await Task.sleep(for: .seconds(1))
        let after = rssMiB()
        try await client.shutdown()
        await axon.stop()

        let report = Report(alone: alone, flooded: flooded, p99_ratio: AxonLoad.round(flooded.p99_ms / max(alone.p99_ms, 0.001), 2),
                            forged_uploads_refused: refused, rss_mib_before: AxonLoad.round(before, 1),
                            rss_mib_during: AxonLoad.round(during, 1), rss_mib_after: AxonLoad.round(after, 1),
                            connections: connections)
        if json {
            try printJSON(report)
            return
        }
        print("validator at concurrency \(concurrency), \(Int(seconds)) s each; flood: \(connections) forged chunked 32 MiB uploads")
        print(BenchAxonCommand.line("alone", alone))
        print(BenchAxonCommand.line("flooded", flooded))
        print("p99 during / alone: \(report.p99_ratio)×   forged uploads refused: \(refused)")
        print("axon RSS: before \(report.rss_mib_before) MiB, during (peak) \(report.rss_mib_during) MiB, after \(report.rss_mib_after) MiB")
    }
}
