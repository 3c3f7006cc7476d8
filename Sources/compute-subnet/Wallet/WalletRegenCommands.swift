import ArgumentParser
import Bittensor

/// The key to regenerate from: exactly one of `--mnemonic`, `--seed`, `--uri`.
struct KeySourceOptions: ParsableArguments {
    @Option(help: "BIP39 English mnemonic (quoted words).")
    var mnemonic: String?

    @Option(help: "32-byte mini secret as 0x-prefixed hex.")
    var seed: String?

    @Option(help: "Substrate secret URI, e.g. //Alice.")
    var uri: String?

    func source() throws -> Wallet.KeySource {
        switch (mnemonic, seed, uri) {
        case let (m?, nil, nil): return .mnemonic(m)
        case let (nil, s?, nil):
            guard let bytes = Hex.decode(s), bytes.count == 32 else {
                throw WalletCLIError("--seed must be 32 bytes of hex (0x + 64 hex digits)")
            }
            return .seed(bytes)
        case let (nil, nil, u?): return .uri(u)
        default: throw WalletCLIError("give exactly one of --mnemonic, --seed, --uri")
        }
    }
}

/// `compute-subnet wallet regen-coldkey`: rewrite the coldkey from a mnemonic, seed or URI.
struct WalletRegenColdkeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regen-coldkey",
        abstract: "Regenerate the coldkey from --mnemonic, --seed or --uri ($NACL-encrypted unless --no-password).")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions
    @OptionGroup var key: KeySourceOptions

    func run() async throws {
        let w = wallet.wallet
        let source = try key.source()
        _ = try source.keypair()  // a bad mnemonic or URI fails before any prompt or write
        try w.ensureColdkeyWritable(overwrite: options.overwrite)
        let password = try options.encryptionPassword(for: w.coldkeyFile)
        let pair = try w.regenerateColdkey(from: source, password: password, overwrite: options.overwrite)
        reportNewKey(kind: "coldkey", wallet: w, file: w.coldkeyFile, pair: pair, mnemonic: nil,
                     encrypted: password != nil, json: options.json)
    }
}

/// `compute-subnet wallet regen-hotkey`: rewrite the hotkey from a mnemonic, seed or URI.
struct WalletRegenHotkeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regen-hotkey",
        abstract: "Regenerate the hotkey from --mnemonic, --seed or --uri (stored unencrypted, as btcli does).")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions
    @OptionGroup var key: KeySourceOptions

    func run() async throws {
        let w = wallet.wallet
        let source = try key.source()
        _ = try source.keypair()
        try w.ensureHotkeyWritable(overwrite: options.overwrite)
        let pair = try w.regenerateHotkey(from: source, password: nil, overwrite: options.overwrite)
        reportNewKey(kind: "hotkey", wallet: w, file: w.hotkeyFile, pair: pair, mnemonic: nil,
                     encrypted: false, json: options.json)
    }
}
