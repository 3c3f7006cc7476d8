/// An sr25519 key pair as Substrate and the Bittensor SDK use it (schnorrkel 0.11, signing
/// context `substrate`), or a public key alone for verification.
///
/// CONTRACT (filled in by the crypto work): the initialisers and methods below are the API the
/// rest of the project codes against; keep their names and semantics.
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

// MARK: - API contract (bodies are filled in by the crypto work)

extension Keypair {
    /// A key pair from a 32-byte mini secret (schnorrkel `MiniSecretKey`, ExpansionMode::Ed25519).
    public init(miniSecret: [UInt8], ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        fatalError("Keypair(miniSecret:) not implemented yet")
    }

    /// A key pair from a 64-byte expanded secret key (scalar ‖ nonce), as `privateKey` in a keyfile.
    public init(secretKey: [UInt8], ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        fatalError("Keypair(secretKey:) not implemented yet")
    }

    /// A key pair from a BIP39 English mnemonic (entropy → PBKDF2 mini secret, as the SDK).
    public init(mnemonic: String, passphrase: String = "", ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        fatalError("Keypair(mnemonic:) not implemented yet")
    }

    /// A key pair from a Substrate secret URI: `//Alice`, `mnemonic//hard`, `0xSEED//hard`
    /// (hard junctions only; the dev phrase when the URI starts with `//`).
    public init(uri: String, ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        fatalError("Keypair(uri:) not implemented yet")
    }

    /// A verify-only key from a 32-byte public key.
    public init(publicKey: [UInt8], ss58Format: UInt16 = SS58.defaultPrefix) throws(KeyError) {
        fatalError("Keypair(publicKey:) not implemented yet")
    }

    /// A verify-only key from an SS58 address (checksum validated).
    public init(ss58Address: String) throws(KeyError) {
        fatalError("Keypair(ss58Address:) not implemented yet")
    }

    /// Signs `message` with the signing context `substrate`; 64 bytes, randomised.
    /// Throws `KeyError.noSecretKey` for a public key alone.
    public func sign(_ message: [UInt8]) throws(KeyError) -> [UInt8] {
        fatalError("Keypair.sign not implemented yet")
    }

    /// Verifies a 64-byte signature over `message` (also accepts the polkadot.js
    /// `<Bytes>…</Bytes>` wrapping, as bittensor-wallet does).
    public func verify(_ signature: [UInt8], message: [UInt8]) -> Bool {
        fatalError("Keypair.verify not implemented yet")
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
