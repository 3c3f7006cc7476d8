import ArgumentParser

/// `compute-subnet benchmark`: Benchmark the proof-of-work solvers (native SIMD and hashcat).
struct BenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Benchmark the proof-of-work solvers (native SIMD and hashcat)."
    )

    func run() async throws {
        throw ValidationError("'benchmark' is not implemented yet")
    }
}
