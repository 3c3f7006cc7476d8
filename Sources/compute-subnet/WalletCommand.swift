import ArgumentParser

/// `compute-subnet wallet`: Create, regenerate, list and use btcli-compatible wallets.
struct WalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet",
        abstract: "Create, regenerate, list and use btcli-compatible wallets."
    )

    func run() async throws {
        throw ValidationError("'wallet' is not implemented yet")
    }
}
