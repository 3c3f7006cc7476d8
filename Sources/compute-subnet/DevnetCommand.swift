import ArgumentParser

/// `compute-subnet devnet`: Run and manage the embedded devnet.
struct DevnetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devnet",
        abstract: "Run and manage the embedded devnet."
    )

    func run() async throws {
        throw ValidationError("'devnet' is not implemented yet")
    }
}
