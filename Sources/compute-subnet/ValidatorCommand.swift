import ArgumentParser

/// `compute-subnet validator`: Run an SN27 validator.
struct ValidatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validator",
        abstract: "Run an SN27 validator."
    )

    func run() async throws {
        throw ValidationError("'validator' is not implemented yet")
    }
}
