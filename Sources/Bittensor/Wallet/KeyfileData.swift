import Foundation

/// The JSON inside a keyfile (bittensor-wallet 4.x): the secret file has every field it knows,
/// a public file (`coldkeypub.txt`, `hotkeys/<h>pub.txt`) only `accountId`, `ss58Address`,
/// `publicKey` and `cryptoType`. Absent values are omitted, as the SDK does.
public struct KeyfileData: Sendable, Equatable, Codable {
    /// `0x` + the 32-byte mini secret.
    public var secretSeed: String?
    /// The BIP39 mnemonic the key came from, when known.
    public var secretPhrase: String?
    /// The SS58 address (prefix 42).
    public var ss58Address: String?
    /// 1 = sr25519.
    public var cryptoType: Int?
    /// `0x` + the 32-byte public key.
    public var publicKey: String?
    /// `0x` + the 64-byte expanded secret key (scalar ‖ nonce).
    public var privateKey: String?
    /// Same as `publicKey`.
    public var accountId: String?

    /// The sr25519 crypto type number.
    public static let sr25519 = 1

    /// The full (secret) keyfile contents for `keypair`, with its mnemonic when known.
    public init(keypair: Keypair, mnemonic: String? = nil) {
        let pub = Hex.encode(keypair.publicKey, prefix: true)
        secretSeed = keypair.miniSecret.map { Hex.encode($0, prefix: true) }
        secretPhrase = mnemonic
        ss58Address = keypair.ss58Address
        cryptoType = Self.sr25519
        publicKey = pub
        privateKey = keypair.secretKey.map { Hex.encode($0, prefix: true) }
        accountId = pub
    }

    /// The public-file contents for `keypair`.
    public init(publicOf keypair: Keypair) {
        let pub = Hex.encode(keypair.publicKey, prefix: true)
        ss58Address = keypair.ss58Address
        cryptoType = Self.sr25519
        publicKey = pub
        accountId = pub
    }

    /// Parses keyfile JSON; `.corrupted` when it is not a JSON object of these fields.
    public init(json: [UInt8], path: String) throws(KeyfileError) {
        do {
            self = try JSONDecoder().decode(KeyfileData.self, from: Data(json))
        } catch {
            throw .corrupted(path: path, reason: "not keyfile JSON")
        }
    }

    /// Compact one-line JSON, as the SDK writes it.
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a struct of optional strings and an int cannot fail.
        return Array(try! encoder.encode(self))
    }

    /// The key this data describes, trying `secretPhrase`, then `secretSeed`, then
    /// `privateKey`, then `ss58Address` (public only), as the SDK does.
    public func keypair(path: String) throws(KeyfileError) -> Keypair {
        do {
            if let phrase = secretPhrase, !phrase.isEmpty {
                return try Keypair(mnemonic: phrase)
            }
            if let seed = secretSeed {
                return try Keypair(miniSecret: try Self.bytes(seed, field: "secretSeed", path: path))
            }
            if let secret = privateKey {
                return try Keypair(secretKey: try Self.bytes(secret, field: "privateKey", path: path))
            }
            if let address = ss58Address {
                return try Keypair(ss58Address: address)
            }
        } catch let error as KeyError {
            throw .invalidKey(error)
        } catch let error as KeyfileError {
            throw error
        } catch {
            throw .corrupted(path: path, reason: "\(error)")
        }
        throw .corrupted(path: path, reason: "no secretPhrase, secretSeed, privateKey or ss58Address")
    }

    private static func bytes(_ hex: String, field: String, path: String) throws(KeyfileError) -> [UInt8] {
        guard let bytes = Hex.decode(hex) else { throw .corrupted(path: path, reason: "\(field) is not hex") }
        return bytes
    }
}
