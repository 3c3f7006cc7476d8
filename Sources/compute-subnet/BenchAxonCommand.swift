import ArgumentParser

/// `compute-subnet bench axon`: The Swift axon against the Python axon under the same load generator.
struct BenchAxonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "axon", abstract: "The Swift axon against the Python axon under the same load generator.")

    func run() async throws {
        throw ValidationError("'bench axon' is not implemented yet")
    }
}
