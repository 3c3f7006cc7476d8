import ArgumentParser
import ComputeSubnetBench
import Foundation

/// `compute-subnet bench startup`: seconds from launching `compute-subnet miner` to its first
/// answered `Specs`, against the Python SDK's axon (`peer_axon.py`) launched and polled the same
/// way in the same run.
struct BenchStartupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Launch-to-first-answer of the miner against the Python SDK's axon, on a scratch devnet.")

    @Option(help: "Launches of each side.")
    var runs = 5

    @Option(help: "Python of the interop venv (default: $INTEROP_PYTHON, else ~/.cache/sn27-interop-venv/bin/python).")
    var python: String?

    @Option(help: "Folder with peer_axon.py (default: the repository's interop/).")
    var interopDir: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard (1...100).contains(runs) else { throw ValidationError("--runs must be in 1...100") }
    }

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sn27-bench-startup-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let bench = StartupBench(executable: URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path,
                                 python: InteropPeers.python(override: python),
                                 interopFolder: InteropPeers.directory(override: interopDir), scratch: scratch, runs: runs)
        let result = try await bench.run(progress: { if !json { FileHandle.standardError.write(Data("… \($0)\n".utf8)) } })
        let report = Report(result: result, debugBuild: _isDebugAssertConfiguration())
        if json {
            try printJSON(report)
        } else {
            print(report.table)
        }
    }

    struct Report: Encodable {
        var result: StartupBench.Result
        var debugBuild: Bool
        var minerMedian: Double { Self.median(result.miner) }
        var pythonMedian: Double { Self.median(result.python) }
        /// How many times faster the miner answers than the Python axon (> 1: faster).
        var ratio: Double { pythonMedian / minerMedian }

        static func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return .nan }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }

        enum CodingKeys: String, CodingKey { case miner_seconds, python_seconds, miner_median, python_median, ratio, debug_build }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(result.miner, forKey: .miner_seconds)
            try c.encode(result.python, forKey: .python_seconds)
            try c.encode(minerMedian, forKey: .miner_median)
            try c.encode(pythonMedian, forKey: .python_median)
            try c.encode(ratio, forKey: .ratio)
            try c.encode(debugBuild, forKey: .debug_build)
        }

        var table: String {
            var table = TextTable([("launch → first answered Specs", .left), ("median s", .right), ("runs (s)", .left)])
            for (name, values) in [("compute-subnet miner", result.miner), ("Python SDK axon (peer_axon.py)", result.python)] {
                table.append([name, String(format: "%.2f", Self.median(values)), values.map { String(format: "%.2f", $0) }.joined(separator: " ")])
            }
            return table.render() + "\nminer answers " + String(format: "%.1f", ratio) + "× sooner than the Python axon (goal: miner < 1 s)"
                + (debugBuild ? "\n(debug build)" : "")
        }
    }
}
