import Foundation

/// A btcli wallet: `<path>/<name>/coldkey`, `coldkeypub.txt`, `hotkeys/<hotkey>` and
/// `hotkeys/<hotkey>pub.txt`, readable and writable by the Python SDK and btcli.
public struct Wallet: Sendable, Hashable {
    /// The wallets folder (`~` expanded), btcli's `--wallet.path`.
    public let path: String
    /// The wallet's name (its folder under `path`).
    public let name: String
    /// The selected hotkey's name.
    public let hotkeyName: String

    /// btcli's default wallets folder.
    public static let defaultPath = "~/.bittensor/wallets"

    /// A wallet handle; nothing is read or created until a method needs it.
    public init(path: String = Wallet.defaultPath, name: String = "default", hotkey: String = "default") {
        var root = NSString(string: path).expandingTildeInPath
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.path = root
        self.name = name
        self.hotkeyName = hotkey
    }

    /// `<path>/<name>`.
    public var directory: String { path + "/" + name }
    /// The coldkey (usually `$NACL`-encrypted).
    public var coldkeyFile: Keyfile { Keyfile(path: directory + "/coldkey") }
    /// The coldkey's public file.
    public var coldkeyPubFile: Keyfile { Keyfile(path: directory + "/coldkeypub.txt") }
    /// The selected hotkey (normally unencrypted).
    public var hotkeyFile: Keyfile { Keyfile(path: directory + "/hotkeys/" + hotkeyName) }
    /// The selected hotkey's public file (wallet ≥ 3.1).
    public var hotkeyPubFile: Keyfile { Keyfile(path: directory + "/hotkeys/" + hotkeyName + "pub.txt") }

    // MARK: - Reading

    /// The hotkey pair, for signing; asks `password` only if the hotkey file is encrypted.
    public func hotkey(password: PasswordSource = .none) throws(KeyfileError) -> Keypair {
        try validateNames()
        return try hotkeyFile.keypair(password: password)
    }

    /// The coldkey's public key, from `coldkeypub.txt` (no password needed).
    public func coldkeyPublic() throws(KeyfileError) -> Keypair {
        try validateNames()
        return try coldkeyPubFile.keypair()
    }

    /// The coldkey pair, decrypting it with `password` when it is encrypted.
    public func coldkey(password: PasswordSource) throws(KeyfileError) -> Keypair {
        try validateNames()
        return try coldkeyFile.keypair(password: password)
    }

    /// The coldkey's address without a password: `coldkeypub.txt`, else an unencrypted
    /// `coldkey`; nil when neither gives it.
    public func coldkeyAddress() throws(KeyfileError) -> String? {
        try validateNames()
        return try Self.address(pub: coldkeyPubFile, secret: coldkeyFile)
    }

    /// The hotkey's address without a password: its pub file, else an unencrypted hotkey file.
    public func hotkeyAddress() throws(KeyfileError) -> String? {
        try validateNames()
        return try Self.address(pub: hotkeyPubFile, secret: hotkeyFile)
    }

    static func address(pub: Keyfile, secret: Keyfile) throws(KeyfileError) -> String? {
        if pub.exists { return try pub.keypair().ss58Address }
        if secret.exists, try secret.format() == .plain { return try secret.keypair().ss58Address }
        return nil
    }

    // MARK: - Creating

    /// Where a regenerated key comes from.
    public enum KeySource: Sendable, Hashable {
        /// A BIP39 English mnemonic (kept in the keyfile as `secretPhrase`).
        case mnemonic(String)
        /// A 32-byte mini secret (`secretSeed`).
        case seed([UInt8])
        /// A Substrate secret URI such as `//Alice`.
        case uri(String)

        /// The key (and the normalised mnemonic, for `.mnemonic`); `.invalidKey` when it is invalid.
        public func keypair() throws(KeyfileError) -> (keypair: Keypair, mnemonic: String?) {
            do {
                switch self {
                case let .mnemonic(words):
                    let phrase = words.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    return (try Keypair(mnemonic: phrase), phrase)
                case let .seed(bytes): return (try Keypair(miniSecret: bytes), nil)
                case let .uri(uri): return (try Keypair(uri: uri), nil)
                }
            } catch { throw .invalidKey(error) }
        }
    }

    /// Writes the coldkey and `coldkeypub.txt` from `source`, the coldkey `$NACL`-encrypted when
    /// `password` is given. Nothing is written when the key is invalid or a file exists and
    /// `overwrite` is false.
    @discardableResult
    public func regenerateColdkey(from source: KeySource, password: String?, overwrite: Bool = false) throws(KeyfileError) -> Keypair {
        try validateNames()
        let (pair, phrase) = try source.keypair()
        try write(pair, mnemonic: phrase, secret: coldkeyFile, pub: coldkeyPubFile, password: password, overwrite: overwrite)
        return pair
    }

    /// Writes the hotkey and its pub file from `source` (unencrypted unless `password` is given).
    @discardableResult
    public func regenerateHotkey(from source: KeySource, password: String? = nil, overwrite: Bool = false) throws(KeyfileError) -> Keypair {
        try validateNames()
        let (pair, phrase) = try source.keypair()
        try write(pair, mnemonic: phrase, secret: hotkeyFile, pub: hotkeyPubFile, password: password, overwrite: overwrite)
        return pair
    }

    /// A fresh coldkey from a new `words`-word mnemonic; returns the pair and the mnemonic.
    public func createColdkey(words: Int = 12, password: String?, overwrite: Bool = false) throws(KeyfileError) -> (keypair: Keypair, mnemonic: String) {
        let phrase = try Self.newMnemonic(words: words)
        return (try regenerateColdkey(from: .mnemonic(phrase), password: password, overwrite: overwrite), phrase)
    }

    /// A fresh hotkey from a new `words`-word mnemonic; returns the pair and the mnemonic.
    public func createHotkey(words: Int = 12, password: String? = nil, overwrite: Bool = false) throws(KeyfileError) -> (keypair: Keypair, mnemonic: String) {
        let phrase = try Self.newMnemonic(words: words)
        return (try regenerateHotkey(from: .mnemonic(phrase), password: password, overwrite: overwrite), phrase)
    }

    static func newMnemonic(words: Int) throws(KeyfileError) -> String {
        guard [12, 15, 18, 21, 24].contains(words) else { throw .invalidWordCount(words) }
        return Mnemonic.generate(words: words)
    }

    /// Throws `.alreadyExists` unless `overwrite` or neither coldkey file exists.
    public func ensureColdkeyWritable(overwrite: Bool) throws(KeyfileError) {
        try validateNames()
        if !overwrite { for file in [coldkeyFile, coldkeyPubFile] where file.exists { throw .alreadyExists(path: file.path) } }
    }

    /// Throws `.alreadyExists` unless `overwrite` or neither hotkey file exists.
    public func ensureHotkeyWritable(overwrite: Bool) throws(KeyfileError) {
        try validateNames()
        if !overwrite { for file in [hotkeyFile, hotkeyPubFile] where file.exists { throw .alreadyExists(path: file.path) } }
    }

    private func write(_ pair: Keypair, mnemonic: String?, secret: Keyfile, pub: Keyfile,
                       password: String?, overwrite: Bool) throws(KeyfileError) {
        if !overwrite {
            for file in [secret, pub] where file.exists { throw .alreadyExists(path: file.path) }
        }
        try secret.write(KeyfileData(keypair: pair, mnemonic: mnemonic), password: password, overwrite: overwrite)
        try pub.write(KeyfileData(publicOf: pair), overwrite: overwrite)
    }

    func validateNames() throws(KeyfileError) {
        for part in [name, hotkeyName] where !Self.isPlainName(part) { throw .invalidName(part) }
    }

    static func isPlainName(_ s: String) -> Bool {
        !s.isEmpty && s != "." && s != ".." && !s.contains("/") && !s.contains("\0")
    }
}
