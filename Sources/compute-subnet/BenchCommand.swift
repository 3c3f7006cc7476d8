import ArgumentParser

/// `compute-subnet bench`: Micro-benchmarks: keys, axon.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Micro-benchmarks: keys, axon."
    )

    func run() async throws {
        throw ValidationError("'bench' is not implemented yet")
    }
}
