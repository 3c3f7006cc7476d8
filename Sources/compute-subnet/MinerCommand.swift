import ArgumentParser

/// `compute-subnet miner`: Run an SN27 miner.
struct MinerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miner",
        abstract: "Run an SN27 miner."
    )

    func run() async throws {
        throw ValidationError("'miner' is not implemented yet")
    }
}
