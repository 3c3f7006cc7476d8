import ArgumentParser
import Bittensor
import Foundation

/// The btcli wallet flags: `--wallet.path`, `--wallet.name`, `--wallet.hotkey`
/// (defaults from `BT_WALLET_PATH`, `BT_WALLET_NAME`, `BT_WALLET_HOTKEY`, then btcli's).
struct WalletOptions: ParsableArguments {
    @Option(name: .customLong("wallet.path"), help: "Wallets folder (default ~/.bittensor/wallets, env BT_WALLET_PATH).")
    var path: String?

    @Option(name: .customLong("wallet.name"), help: "Wallet name (default 'default', env BT_WALLET_NAME).")
    var name: String?

    @Option(name: .customLong("wallet.hotkey"), help: "Hotkey name (default 'default', env BT_WALLET_HOTKEY).")
    var hotkey: String?

    var resolvedPath: String {
        let raw = path ?? ProcessInfo.processInfo.environment["BT_WALLET_PATH"] ?? "~/.bittensor/wallets"
        return NSString(string: raw).expandingTildeInPath
    }

    var resolvedName: String { name ?? ProcessInfo.processInfo.environment["BT_WALLET_NAME"] ?? "default" }

    var resolvedHotkey: String { hotkey ?? ProcessInfo.processInfo.environment["BT_WALLET_HOTKEY"] ?? "default" }

    /// The wallet these flags select.
    var wallet: Wallet { Wallet(path: resolvedPath, name: resolvedName, hotkey: resolvedHotkey) }
}
