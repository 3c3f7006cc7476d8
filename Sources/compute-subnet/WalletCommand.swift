import ArgumentParser

/// `compute-subnet wallet`: Create, regenerate, list and use btcli-compatible wallets.
struct WalletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet",
        abstract: "Create, regenerate, list and use btcli-compatible wallets.",
        subcommands: [
            WalletNewColdkeyCommand.self,
            WalletNewHotkeyCommand.self,
            WalletRegenColdkeyCommand.self,
            WalletRegenHotkeyCommand.self,
            WalletListCommand.self,
            WalletShowCommand.self,
            WalletSignCommand.self,
            WalletVerifyCommand.self,
        ]
    )
}
