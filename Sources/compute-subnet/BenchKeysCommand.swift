import ArgumentParser

/// `compute-subnet bench keys`: sr25519 sign and verify per second, Swift against the SDK's Rust keypair.
struct BenchKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "sr25519 sign and verify per second, Swift against the SDK's Rust keypair.")

    func run() async throws {
        throw ValidationError("'bench keys' is not implemented yet")
    }
}
