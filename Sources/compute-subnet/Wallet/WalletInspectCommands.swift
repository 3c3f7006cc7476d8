import ArgumentParser
import Bittensor
import Foundation

/// `compute-subnet wallet list`: every wallet under `--wallet.path` with its coldkey and hotkeys.
struct WalletListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List wallets, their coldkey and hotkey addresses (no password needed).")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions

    func run() async throws {
        let root = wallet.wallet.path
        let wallets = WalletListing.scan(path: root)
        if options.json {
            let list: [[String: Any]] = wallets.map { w in
                ["name": w.name, "coldkey": w.coldkey ?? NSNull(),
                 "hotkeys": w.hotkeys.map { ["name": $0.name, "hotkey": $0.ss58Address ?? NSNull()] as [String: Any] }]
            }
            printJSON(["path": root, "wallets": list])
            return
        }
        print(root)
        if wallets.isEmpty { print("└── (no wallets)") }
        for (i, w) in wallets.enumerated() {
            let lastWallet = i == wallets.count - 1
            print("\(lastWallet ? "└── " : "├── ")\(w.name)  coldkey \(w.coldkey ?? "?")")
            for (j, h) in w.hotkeys.enumerated() {
                let branch = j == w.hotkeys.count - 1 ? "└── " : "├── "
                print("\(lastWallet ? "    " : "│   ")\(branch)\(h.name)  \(h.ss58Address ?? "?")")
            }
        }
    }
}

/// `compute-subnet wallet show`: the selected wallet's coldkey and hotkey addresses.
struct WalletShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the coldkey and hotkey addresses of one wallet (no password needed).")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions

    func run() async throws {
        let w = wallet.wallet
        let coldkey = try w.coldkeyAddress()
        let hotkey = try w.hotkeyAddress()
        if options.json {
            printJSON(["name": w.name, "coldkey": coldkey, "hotkey": hotkey, "path": w.path])
            return
        }
        print("wallet  \(w.name)  (\(w.directory))")
        print("coldkey \(coldkey ?? "(none)")")
        print("hotkey  \(w.hotkeyName)  \(hotkey ?? "(none)")")
    }
}

/// `compute-subnet wallet sign`: an sr25519 signature over the UTF-8 bytes of `--message`.
struct WalletSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign a message with the hotkey (or --use-coldkey); prints 0x + 128 hex.")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions
    @Option(help: "The message; its UTF-8 bytes are signed.")
    var message: String
    @Flag(name: .customLong("use-coldkey"), help: "Sign with the coldkey (asks for its password if encrypted).")
    var useColdkey = false

    func run() async throws {
        let w = wallet.wallet
        let pair = useColdkey ? try w.coldkey(password: options.passwordSource) : try w.hotkey(password: options.passwordSource)
        let signature = Hex.encode(try pair.sign(Array(message.utf8)), prefix: true)
        if options.json {
            printJSON(["ss58": pair.ss58Address, "signature": signature])
        } else {
            print(signature)
        }
    }
}

/// `compute-subnet wallet verify`: prints `valid` (exit 0) or `invalid` (exit 1).
struct WalletVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify a signature over --message by --ss58; prints valid (exit 0) or invalid (exit 1).")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions
    @Option(help: "The signer's SS58 address.")
    var ss58: String
    @Option(help: "The message whose UTF-8 bytes were signed.")
    var message: String
    @Option(help: "The 64-byte signature as 0x-prefixed hex.")
    var signature: String

    func run() async throws {
        let key = try Keypair(ss58Address: ss58)
        guard let bytes = Hex.decode(signature), bytes.count == 64 else {
            throw WalletCLIError("--signature must be 64 bytes of hex (0x + 128 hex digits)")
        }
        let valid = key.verify(bytes, message: Array(message.utf8))
        if options.json {
            printJSON(["ss58": ss58, "valid": valid])
        } else {
            print(valid ? "valid" : "invalid")
        }
        if !valid { throw ExitCode(1) }
    }
}
