/// An sr25519 key pair as Substrate and the Bittensor SDK use it (schnorrkel 0.11, signing
/// context `substrate`), or a public key alone for verification.
public struct Keypair: Sendable, Hashable {
    /// The 32-byte compressed ristretto255 public key.
    public let publicKey: [UInt8]
    /// The SS58 address prefix used for `ss58Address` (42 = generic Substrate, as Bittensor).
    public let ss58Format: UInt16
    /// 64 bytes: the secret scalar (32, little-endian) followed by the nonce (32); nil for a public key alone.
    public let secretKey: [UInt8]?
    /// The 32-byte mini secret (`secretSeed` in a keyfile) when the pair was made from one.
    public let miniSecret: [UInt8]?

    /// The SS58 address of `publicKey` with `ss58Format`.
    public var ss58Address: String { SS58.encode(publicKey: publicKey, prefix: ss58Format) }
}

extension Keypair {
    /// A key pair from a 32-byte mini secret (schnorrkel `MiniSecretKey`, ExpansionMode::Ed25519).
    public init(miniSecret: [UInt8], ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        guard miniSecret.count == 32 else { throw .invalidLength(what: "mini secret", expected: 32, actual: miniSecret.count) }
        try Self.checkPrefix(ss58Format)
        let secret = Sr25519.expandEd25519(miniSecret: miniSecret)
        self.init(checked: Sr25519.publicKey(secretKey: secret), ss58Format: ss58Format, secretKey: secret, miniSecret: miniSecret)
    }

    /// A key pair from a 64-byte expanded secret key (scalar ‖ nonce), as `privateKey` in a keyfile.
    public init(secretKey: [UInt8], ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        guard secretKey.count == 64 else { throw .invalidLength(what: "secret key", expected: 64, actual: secretKey.count) }
        try Self.checkPrefix(ss58Format)
        // schnorrkel's SecretKey::from_bytes rejects a non-canonical scalar.
        guard secretKey.withUnsafeBytes({ Ristretto255.isCanonicalScalar(UnsafeRawBufferPointer(rebasing: $0[0..<32])) }) else {
            throw .invalidScalar
        }
        self.init(checked: Sr25519.publicKey(secretKey: secretKey), ss58Format: ss58Format, secretKey: secretKey, miniSecret: nil)
    }

    /// A key pair from a BIP39 English mnemonic (entropy → PBKDF2 mini secret, as the SDK).
    public init(mnemonic: String, passphrase: String = "", ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        try self.init(miniSecret: Mnemonic.miniSecret(mnemonic: mnemonic, passphrase: passphrase), ss58Format: ss58Format)
    }

    /// A key pair from a Substrate secret URI: `//Alice`, `mnemonic//hard`, `0xSEED//hard`
    /// (hard junctions only; the dev phrase when the URI starts with `//`).
    public init(uri: String, ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        let parsed = try SecretURI(uri)
        var pair: Keypair
        if parsed.phrase.hasPrefix("0x") {
            guard let seed = Hex.decode(parsed.phrase) else { throw .invalidURI("the seed is not valid hex") }
            switch seed.count {
            case 32: pair = try Keypair(miniSecret: seed, ss58Format: ss58Format)
            case 64: pair = try Keypair(secretKey: seed, ss58Format: ss58Format)
            default: throw .invalidURI("a hex seed must be 32 or 64 bytes, got \(seed.count)")
            }
        } else {
            pair = try Keypair(mnemonic: parsed.phrase, passphrase: parsed.password ?? "", ss58Format: ss58Format)
        }
        for junction in parsed.junctions {
            switch junction {
            case let .hard(chainCode):
                let mini = HDKD.hardDeriveMiniSecret(secretKey: pair.secretKey!, chainCode: chainCode)
                pair = try Keypair(miniSecret: mini, ss58Format: ss58Format)
            case .soft:
                throw .invalidURI("soft derivation (a single '/') is not supported; use '//' for hard derivation")
            }
        }
        self = pair
    }

    /// A verify-only key from a 32-byte public key.
    public init(publicKey: [UInt8], ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        guard publicKey.count == 32 else { throw .invalidLength(what: "public key", expected: 32, actual: publicKey.count) }
        try Self.checkPrefix(ss58Format)
        guard Ristretto255.isValidPoint(publicKey) else { throw .invalidPoint }
        self.init(checked: publicKey, ss58Format: ss58Format, secretKey: nil, miniSecret: nil)
    }

    /// A verify-only key from an SS58 address (checksum validated).
    public init(ss58Address: String) throws(KeyError) {
        let (prefix, publicKey) = try SS58.decode(ss58Address)
        try self.init(publicKey: publicKey, ss58Format: prefix)
    }

    /// Signs `message` with the signing context `substrate`; 64 bytes, randomised.
    /// Throws `KeyError.noSecretKey` for a public key alone.
    public func sign(_ message: [UInt8]) throws(KeyError) -> [UInt8] {
        guard let secretKey else { throw .noSecretKey }
        return Sr25519.sign(message: message, secretKey: secretKey, publicKey: publicKey)
    }

    /// Signs the UTF-8 bytes of `message`.
    public func sign(_ message: String) throws(KeyError) -> [UInt8] {
        try sign(Array(message.utf8))
    }

    /// Verifies a 64-byte signature over `message` (also accepts the polkadot.js
    /// `<Bytes>…</Bytes>` wrapping, as bittensor-wallet does).
    public func verify(_ signature: [UInt8], message: [UInt8]) -> Bool {
        if Sr25519.verify(signature: signature, message: message, publicKey: publicKey) { return true }
        let wrapped = Array("<Bytes>".utf8) + message + Array("</Bytes>".utf8)
        return Sr25519.verify(signature: signature, message: wrapped, publicKey: publicKey)
    }

    /// Verifies a signature over the UTF-8 bytes of `message`.
    public func verify(_ signature: [UInt8], message: String) -> Bool {
        verify(signature, message: Array(message.utf8))
    }

    private init(checked publicKey: [UInt8], ss58Format: UInt16, secretKey: [UInt8]?, miniSecret: [UInt8]?) {
        self.publicKey = publicKey
        self.ss58Format = ss58Format
        self.secretKey = secretKey
        self.miniSecret = miniSecret
    }

    private static func checkPrefix(_ prefix: UInt16) throws(KeyError) {
        guard prefix <= SS58.maxPrefix else { throw .invalidSS58("prefix \(prefix) is above 16383") }
    }
}

/// Why a key could not be made or used.
public enum KeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidLength(what: String, expected: Int, actual: Int)
    case invalidPoint
    case invalidScalar
    case invalidMnemonic(String)
    case invalidURI(String)
    case invalidSS58(String)
    case noSecretKey

    public var description: String {
        switch self {
        case let .invalidLength(what, expected, actual): "\(what) must be \(expected) bytes, got \(actual)"
        case .invalidPoint: "public key is not a valid ristretto255 point"
        case .invalidScalar: "secret key is not a canonical scalar"
        case let .invalidMnemonic(why): "invalid mnemonic: \(why)"
        case let .invalidURI(why): "invalid secret URI: \(why)"
        case let .invalidSS58(why): "invalid SS58 address: \(why)"
        case .noSecretKey: "this key has no secret part (public key only)"
        }
    }
}
