import ArgumentParser
import Bittensor

/// `compute-subnet wallet new-coldkey`: a fresh coldkey from a new mnemonic.
struct WalletNewColdkeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-coldkey",
        abstract: "Create a coldkey from a new mnemonic ($NACL-encrypted unless --no-password).")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions
    @Option(name: .customLong("n-words"), help: "Mnemonic length: 12, 15, 18, 21 or 24.")
    var words = 12

    func run() async throws {
        let w = wallet.wallet
        guard [12, 15, 18, 21, 24].contains(words) else { throw KeyfileError.invalidWordCount(words) }
        try w.ensureColdkeyWritable(overwrite: options.overwrite)
        let password = try options.encryptionPassword(for: w.coldkeyFile)
        let (pair, mnemonic) = try w.createColdkey(words: words, password: password, overwrite: options.overwrite)
        reportNewKey(kind: "coldkey", wallet: w, file: w.coldkeyFile, pair: pair, mnemonic: mnemonic,
                     encrypted: password != nil, json: options.json)
    }
}

/// `compute-subnet wallet new-hotkey`: a fresh hotkey from a new mnemonic.
struct WalletNewHotkeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-hotkey",
        abstract: "Create a hotkey from a new mnemonic (stored unencrypted, as btcli does).")

    @OptionGroup var wallet: WalletOptions
    @OptionGroup var options: WalletKeyOptions
    @Option(name: .customLong("n-words"), help: "Mnemonic length: 12, 15, 18, 21 or 24.")
    var words = 12

    func run() async throws {
        let w = wallet.wallet
        guard [12, 15, 18, 21, 24].contains(words) else { throw KeyfileError.invalidWordCount(words) }
        try w.ensureHotkeyWritable(overwrite: options.overwrite)
        let (pair, mnemonic) = try w.createHotkey(words: words, password: nil, overwrite: options.overwrite)
        reportNewKey(kind: "hotkey", wallet: w, file: w.hotkeyFile, pair: pair, mnemonic: mnemonic,
                     encrypted: false, json: options.json)
    }
}

/// Prints a new key's address and, once, its mnemonic with the warning to keep it.
func reportNewKey(kind: String, wallet: Wallet, file: Keyfile, pair: Keypair, mnemonic: String?,
                  encrypted: Bool, json: Bool) {
    if json {
        printJSON(["name": wallet.name, "path": wallet.path, "file": file.path, kind: pair.ss58Address,
                   "mnemonic": mnemonic, "encrypted": encrypted])
        return
    }
    print("\(kind) \(pair.ss58Address) written to \(file.path)\(encrypted ? " ($NACL encrypted)" : "")")
    if let mnemonic {
        print("""
            IMPORTANT: store this mnemonic somewhere safe and private. It is the only way to \
            recover the \(kind), and it is not shown again:
            \(mnemonic)
            """)
    }
}
