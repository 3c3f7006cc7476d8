import ArgumentParser

/// `compute-subnet pow`: Generate, solve and verify SN27 proof-of-work challenges.
struct PowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pow",
        abstract: "Generate, solve and verify SN27 proof-of-work challenges."
    )

    func run() async throws {
        throw ValidationError("'pow' is not implemented yet")
    }
}
