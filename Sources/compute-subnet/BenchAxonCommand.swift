import ArgumentParser
import AsyncHTTPClient
import Bittensor
import ComputeSubnet
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

    struct Result: Codable {
        var requests_per_second: Double
        var p50_ms: Double
        var p99_ms: Double
        var errors: Int
        var requests: Int
    }

    struct Report: Codable {
        var swift: Result
        var python: Result?
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

        let buildSign = try Self.buildSignCost(dendrite: dendrites[0], hotkey: miner.ss58Address)

        // The Swift axon: one event loop per core, full verification, the Specs answer of peer_axon.py.
        var configuration = AxonConfiguration(host: "127.0.0.1", port: 0)
        configuration.maxConcurrentForwards = max(64, concurrency)
        let axon = Axon(keypair: miner, configuration: configuration)
        let specsText = Self.specsText
        axon.attach(Specs.self, forward: { synapse, _ in
            var s = synapse
            s.specsOutput = specsText
            return s
        })
        let port = try await axon.start()
        let swiftEndpoint = AxonEndpoint(ip: "127.0.0.1", port: port, hotkey: miner.ss58Address)
        _ = await Self.load(dendrites: dendrites, endpoint: swiftEndpoint, seconds: 1)
        let swift = await Self.load(dendrites: dendrites, endpoint: swiftEndpoint, seconds: seconds)
        await axon.stop()

        var pythonResult: Result?
        if !skipPython {
            let peer = try startPythonAxon()
            defer {
                kill(peer.process.processIdentifier, SIGKILL)  // children inherit a blocked SIGTERM from our threads
                peer.process.waitUntilExit()
            }
            let endpoint = AxonEndpoint(ip: "127.0.0.1", port: peer.port, hotkey: peer.hotkey)
            _ = await Self.load(dendrites: dendrites, endpoint: endpoint, seconds: 1)
            pythonResult = await Self.load(dendrites: dendrites, endpoint: endpoint, seconds: seconds)
        }
        try await client.shutdown()
        let ratio = pythonResult.map { $0.requests_per_second > 0 ? swift.requests_per_second / $0.requests_per_second : 0 }
        let report = Report(swift: swift, python: pythonResult, concurrency: concurrency, ratio: ratio.map { Self.round($0, 2) },
                            seconds: seconds, dendrite_build_sign_ms: Self.round(buildSign, 4))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("axon benchmark: Specs, concurrency \(concurrency), \(seconds) s per axon, signature verification on")
            print(Self.line("swift", swift))
            if let pythonResult { print(Self.line("python", pythonResult)) }
            if let ratio { print("ratio   \(String(format: "%.1f", ratio))x (Swift req/s over Python req/s)") }
            print("dendrite build + sign: \(String(format: "%.4f", buildSign)) ms CPU per request")
        }
    }

    static func line(_ name: String, _ r: Result) -> String {
        let padded = name.padding(toLength: 7, withPad: " ", startingAt: 0)
        return "\(padded) \(String(format: "%9.1f", r.requests_per_second)) req/s   p50 \(String(format: "%7.2f", r.p50_ms)) ms   p99 \(String(format: "%7.2f", r.p99_ms)) ms   errors \(r.errors) of \(r.requests)"
    }

    static func round(_ v: Double, _ digits: Int) -> Double {
        let f = pow(10.0, Double(digits))
        return (v * f).rounded() / f
    }

    /// C workers, each sending one request at a time through its own dendrite, for `seconds`.
    static func load(dendrites: [Dendrite], endpoint: AxonEndpoint, seconds: Double) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start.advanced(by: .nanoseconds(Int64(seconds * 1e9)))
        let perWorker = await withTaskGroup(of: ([Double], Int).self) { group in
            for dendrite in dendrites {
                group.addTask {
                    var latencies: [Double] = []
                    latencies.reserveCapacity(4096)
                    var errors = 0
                    while clock.now < end {
                        let t = clock.now
                        let answer = await dendrite.call(axon: endpoint, synapse: Specs(), timeout: 12)
                        let elapsed = t.duration(to: clock.now)
                        latencies.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
                        if answer.dendrite.statusCode != 200 { errors += 1 }
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], Int)] = []
            for await r in group { all.append(r) }
            return all
        }
        let elapsed = start.duration(to: clock.now)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let latencies = perWorker.flatMap(\.0).sorted()
        let errors = perWorker.reduce(0) { $0 + $1.1 }
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[max(0, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1)]
        }
        return Result(requests_per_second: round(Double(latencies.count) / wall, 1), p50_ms: round(percentile(50), 3),
                      p99_ms: round(percentile(99), 3), errors: errors, requests: latencies.count)
    }

    /// CPU milliseconds per `Dendrite.prepare` (TerminalInfos, body hash, sr25519 signature, JSON body, headers).
    static func buildSignCost(dendrite: Dendrite, hotkey: String) throws -> Double {
        let endpoint = AxonEndpoint(ip: "127.0.0.1", port: 8091, hotkey: hotkey)
        func cpuNanos() -> Int {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
        }
        for _ in 0..<200 { var s = Specs(); _ = try dendrite.prepare(&s, for: endpoint, timeout: 12) }
        let n = 2_000
        let t0 = cpuNanos()
        for _ in 0..<n { var s = Specs(); _ = try dendrite.prepare(&s, for: endpoint, timeout: 12) }
        return Double(cpuNanos() - t0) / Double(n) / 1e6
    }

    struct PythonPeer {
        let process: Process
        let hotkey: String
        let port: Int
    }

    private func startPythonAxon() throws -> PythonPeer {
        let interpreter = InteropPeers.python(override: python)
        let dir = InteropPeers.directory(override: interopDir)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = [URL(fileURLWithPath: dir).appendingPathComponent("peer_axon.py").path, "--port", "0",
                             "--mnemonic", Self.minerMnemonic]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        var line = ""
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { break }
            if byte.first == 0x0a {
                if line.hasPrefix("READY ") { break }
                line = ""
            } else {
                line += String(decoding: byte, as: UTF8.self)
            }
        }
        let parts = line.split(separator: " ")
        guard parts.count == 3, let port = Int(parts[2]) else {
            kill(process.processIdentifier, SIGKILL)
            throw ValidationError("peer_axon.py did not start (python \(interpreter), folder \(dir))")
        }
        return PythonPeer(process: process, hotkey: String(parts[1]), port: port)
    }

    /// The Specs answer `peer_axon.py` gives (same size on both sides).
    static let specsText = #"{"cpu": {"count": 16, "frequency": 3100.0}, "gpu": {"count": 1, "capacity": 81559, "details": [{"name": "NVIDIA H100 80GB HBM3", "capacity": 81559}], "graphics_speed": 1980, "memory_speed": 2619}, "hard_disk": {"total": 1000204886016, "free": 812345675776, "used": 187859210240, "write_speed": 1650.25, "read_speed": 3020.71}, "ram": {"total": 135089913856, "available": 128849018880, "used": 5168709632, "free": 127481651200, "swap_total": 0, "swap_used": 0, "swap_free": 0, "read_speed": 12034.5, "write_speed": 8512.3}, "has_docker": true}"#
}
