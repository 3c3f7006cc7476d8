import ArgumentParser
import ComputeSubnet
import ComputeSubnetBench
import Foundation

/// `compute-subnet benchmark`: the original `test-scripts/benchmark.py`, for both solvers.
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Benchmark the proof-of-work solvers (native SIMD and hashcat).",
        discussion: "Without flags on a terminal it asks the original benchmark's four questions.")

    @Option(help: "Difficulties, e.g. 6,7,8 or '6 7 8' or all (clamped to 6…12).")
    var difficulties: String?
    @Option(help: "Challenges per difficulty.") var count: Int?
    @Option(help: "native, hashcat or auto.") var backend: SolverBackend = .native
    @Option(help: "Seconds allowed per challenge (the validator's 30).") var timeout: Double = 30
    @Option(help: "Native solver threads (default: all cores).") var threads: Int?
    @OptionGroup var hashcat: HashcatOptions
    @Flag(help: "Measure native throughput against `hashcat -b -m 610` and difficulty-6 time to answer.")
    var compare = false
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        if compare { return try await runCompare() }
        var plan = BenchmarkPlan(difficulties: Array(6...12), count: 1, command: hashcat.command)
        let noFlags = CommandLine.arguments.count <= 2
        if noFlags && isatty(0) == 1 && !json {
            plan = BenchmarkPlan.ask(command: hashcat.command)
        } else {
            if let difficulties {
                plan.difficulties = try BenchmarkPlan.parseDifficulties(difficulties)
            }
            plan.count = count ?? 1
        }
        plan.difficulties = BenchmarkPlan.clamp(plan.difficulties, notice: { stderrLine($0) })
        let solver = try await makeSolver(backend, threads: threads, hashcat: plan.command)
        if backend != .native {
            stderrLine("Hashcat profile set to \(plan.command.workloadProfile) with the following extended options: \(plan.command.options.isEmpty ? "None" : plan.command.options.joined(separator: " "))")
        }
        stderrLine("Running \(plan.count) benchmark(s) for the following challenge difficulties: \(plan.difficulties)")
        let results = await BenchmarkRunner(solver: solver, timeout: timeout).run(plan) { done, total in
            ProgressBar.draw(done: done, total: total)
        }
        if json {
            powPrintJSON(["backend": backend.rawValue, "results": results.map(\.json)])
        } else {
            print(BenchmarkRunner.table(results))
        }
    }

    func runCompare() async throws {
        let native = NativeSolver(threads: threads)
        let kernel = NativeSolver.kernelName
        stderrLine("Measuring native throughput (\(native.threads) threads, \(kernel) kernel)…")
        let nativeRate = await native.measureThroughput(seconds: 3)
        stderrLine("Running hashcat -b -m 610…")
        let hashcatRate = await HashcatBenchmark.run(executable: hashcat.path)
        stderrLine("Difficulty 6 time to answer, native then hashcat (\(count ?? 3) challenges each)…")
        let d6 = (0..<(count ?? 3)).map { _ in ChallengeGenerator().generate(difficulty: 6) }
        let nativeD6 = await BenchmarkRunner.meanTime(solver: native, challenges: d6, timeout: timeout)
        let hcSolver = HashcatSolver(command: hashcat.command)
        _ = try? await hcSolver.warmUp()   // kernel compile is not part of the comparison
        let hashcatD6 = await BenchmarkRunner.meanTime(solver: hcSolver, challenges: d6, timeout: timeout)
        let ratio = hashcatRate.map { $0 > 0 ? nativeRate / $0 : 0 }
        let timeRatio = (nativeD6 != nil && hashcatD6 != nil && hashcatD6! > 0) ? nativeD6! / hashcatD6! : nil
        if json {
            powPrintJSON([
                "native_hashes_per_second": nativeRate,
                "native_threads": native.threads,
                "native_kernel": kernel,
                "hashcat_hashes_per_second": hashcatRate ?? NSNull(),
                "ratio": ratio ?? NSNull(),
                "native_d6_seconds": nativeD6 ?? NSNull(),
                "hashcat_d6_seconds": hashcatD6 ?? NSNull(),
                "d6_time_ratio": timeRatio ?? NSNull(),
            ])
        } else {
            func mh(_ v: Double?) -> String { v.map { String(format: "%.1f MH/s", $0 / 1e6) } ?? "n/a" }
            func s(_ v: Double?) -> String { v.map { String(format: "%.3f s", $0) } ?? "n/a" }
            print("native (\(native.threads) threads, \(kernel) kernel): \(mh(nativeRate))")
            print("hashcat -b -m 610:   \(mh(hashcatRate))")
            print("ratio native/hashcat: \(ratio.map { String(format: "%.2fx", $0) } ?? "n/a")  (goal ≥ 1.3x)")
            print("difficulty 6 mean time to answer: native \(s(nativeD6)), hashcat \(s(hashcatD6)), ratio \(timeRatio.map { String(format: "%.3f", $0) } ?? "n/a") (goal ≤ 0.2)")
        }
    }
}

func stderrLine(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
