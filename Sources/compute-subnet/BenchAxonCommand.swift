import ArgumentParser
import AsyncHTTPClient
import Bittensor
import ComputeSubnet
import ComputeSubnetBench
import Foundation

/// `compute-subnet bench axon`: the Swift axon (signature verification on) and the Python axon
/// (`peer_axon.py`, bittensor 10.5.0) under the same Swift load generator, one after the other
/// in the same run. The generator is our `Dendrite`: every request is built, signed (sr25519)
/// and sent over pooled keep-alive connections; each of the C slots has its own uuid, as the
/// Python tools do, so the Python axon's strict nonce ordering is not what is measured.
struct BenchAxonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "axon", abstract: "The Swift axon against the Python axon under the same load generator.")

    @Option(help: "Requests in flight.")
    var concurrency = 64

    @Option(help: "Seconds measured against each axon (after a 1 s warm-up).")
    var seconds: Double = 5

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Flag(help: "Measure only the Swift axon.")
    var skipPython = false

    @Option(help: "Python of the interop venv (default: $INTEROP_PYTHON, else ~/.cache/sn27-interop-venv/bin/python).")
    var python: String?

    @Option(help: "The interop folder with peer_axon.py (default: this repository's interop/, found from the binary or the current directory).")
    var interopDir: String?

    static let minerMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
    static let validatorURI = "//Alice"

    func validate() throws {
        guard concurrency >= 1, concurrency <= 4096 else { throw ValidationError("--concurrency must be in 1…4096") }
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
    }

    struct Report: Codable {
        var swift: AxonLoad.Result
        var python: AxonLoad.Result?
        var concurrency: Int
        var ratio: Double?
        var seconds: Double
        /// CPU time to build and sign one request in our dendrite (ms).
        var dendrite_build_sign_ms: Double
    }

    func run() async throws {
        let miner = try Keypair(mnemonic: Self.minerMnemonic)
        let validator = try Keypair(uri: Self.validatorURI)
        var clientConfig = HTTPClient.Configuration()
        clientConfig.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        clientConfig.connectionPool.retryConnectionEstablishment = false
        clientConfig.decompression = .disabled
        clientConfig.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfig)
        let dendrites = (0..<concurrency).map { _ in Dendrite(keypair: validator, httpClient: client) }

        let buildSign = try AxonLoad.buildSignCost(dendrite: dendrites[0], hotkey: miner.ss58Address)

        // The Swift axon: one event loop per core, full verification, the Specs answer of peer_axon.py.
        var configuration = AxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.maxConcurrentForwards = max(64, concurrency)
        let axon = Axon(keypair: miner, configuration: configuration)
        let specsText = AxonLoad.specsText
        axon.attach(Specs.self, forward: { synapse, _ in
            var s = synapse
            s.specsOutput = specsText
            return s
        })
        let port = try await axon.start()
        let swiftEndpoint = AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: miner.ss58Address)
        _ = await AxonLoad.run(dendrites: dendrites, endpoint: swiftEndpoint, seconds: 1)
        let swift = await AxonLoad.run(dendrites: dendrites, endpoint: swiftEndpoint, seconds: seconds)
        await axon.stop()

        var pythonResult: AxonLoad.Result?
        if !skipPython {
            let peer = try PythonAxonPeer.start(python: InteropPeers.python(override: python),
                                                folder: InteropPeers.directory(override: interopDir), mnemonic: Self.minerMnemonic)
            defer { peer.stop() }
            let endpoint = AxonEndpoint(ip: "127.0.0.1", port: peer.port, hotkey: peer.hotkey)
            _ = await AxonLoad.run(dendrites: dendrites, endpoint: endpoint, seconds: 1)
            pythonResult = await AxonLoad.run(dendrites: dendrites, endpoint: endpoint, seconds: seconds)
        }
        try await client.shutdown()
        let ratio = pythonResult.map { $0.requests_per_second > 0 ? swift.requests_per_second / $0.requests_per_second : 0 }
        let report = Report(swift: swift, python: pythonResult, concurrency: concurrency, ratio: ratio.map { AxonLoad.round($0, 2) },
                            seconds: seconds, dendrite_build_sign_ms: AxonLoad.round(buildSign, 4))
        if json {
            try printJSON(report)
        } else {
            print("axon benchmark: Specs, concurrency \(concurrency), \(seconds) s per axon, signature verification on")
            print(Self.line("swift", swift))
            if let pythonResult { print(Self.line("python", pythonResult)) }
            if let ratio { print("ratio   \(String(format: "%.1f", ratio))x (Swift req/s over Python req/s)") }
            print("dendrite build + sign: \(String(format: "%.4f", buildSign)) ms CPU per request")
        }
    }

    static func line(_ name: String, _ r: AxonLoad.Result) -> String {
        let padded = name.padding(toLength: 7, withPad: " ", startingAt: 0)
        return "\(padded) \(String(format: "%9.1f", r.requests_per_second)) req/s   p50 \(String(format: "%7.2f", r.p50_ms)) ms   p99 \(String(format: "%7.2f", r.p99_ms)) ms   errors \(r.errors) of \(r.requests)"
    }

}
