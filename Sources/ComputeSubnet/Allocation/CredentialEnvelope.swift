import Foundation
import _CryptoExtras

/// The login a miner hands to the requester of an allocation:
/// `{"username", "password", "port", "ed25519_seed"?}`.
///
/// Root logs in with a key only. `password` stays in the JSON, empty, for readers of the original
/// shape. `ed25519Seed` (base64 of 32 bytes) is set when the requester sent no `ssh_key` and the
/// miner made a key for the lease: `OpenSSHKey(seedBase64:)?.privateKeyFile()` is the file for `ssh -i`.
public struct Credentials: Sendable, Hashable, Codable {
    public var username: String
    /// Empty: password login is off (kept for the original's JSON shape).
    public var password: String
    public var port: Int
    /// The seed of the lease's ed25519 login key, when the miner made it.
    public var ed25519Seed: String?

    public init(username: String, password: String, port: Int, ed25519Seed: String? = nil) {
        self.username = username
        self.password = password
        self.port = port
        self.ed25519Seed = ed25519Seed
    }

    private enum CodingKeys: String, CodingKey { case username, password, port, ed25519Seed = "ed25519_seed" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        username = try c.decode(String.self, forKey: .username)
        password = try c.decodeIfPresent(String.self, forKey: .password) ?? ""
        port = try c.decode(Int.self, forKey: .port)
        ed25519Seed = try c.decodeIfPresent(String.self, forKey: .ed25519Seed)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(username, forKey: .username)
        try c.encode(password, forKey: .password)
        try c.encode(port, forKey: .port)
        try c.encodeIfPresent(ed25519Seed, forKey: .ed25519Seed)
    }
}

/// Why credentials could not be sealed or opened.
public struct CredentialEnvelopeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The PEM text is not an RSA public key of at least 2048 bits.
        case invalidPublicKey
        /// The PEM text is not an RSA private key of at least 2048 bits.
        case invalidPrivateKey
        /// The credentials JSON does not fit one RSA-OAEP block of this key.
        case tooLarge(bytes: Int, limit: Int)
        /// The envelope is not base64, or does not decrypt with this key.
        case undecryptable
        /// The decrypted text is not the credentials JSON.
        case malformedPayload
    }

    public let reason: Reason
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .invalidPublicKey: "the public key is not an RSA (≥ 2048-bit) PEM public key"
        case .invalidPrivateKey: "the private key is not an RSA (≥ 2048-bit) PEM private key"
        case let .tooLarge(bytes, limit): "credentials of \(bytes) bytes exceed the RSA-OAEP limit of \(limit) bytes"
        case .undecryptable: "the credential envelope is not base64 or does not decrypt with this key"
        case .malformedPayload: "the decrypted credentials are not {\"username\", \"port\", …} JSON"
        }
    }
}

/// RSA-OAEP (SHA-256, MGF1-SHA-256, no label) over the credentials JSON, base64: the original's
/// `RSAEncryption.encrypt_data` (§16), so a Python register CLI can decrypt it.
public enum CredentialEnvelope {
    /// Encrypts `credentials` to `publicKeyPEM`; returns base64 of the raw ciphertext.
    public static func seal(_ credentials: Credentials, to publicKeyPEM: String) throws(CredentialEnvelopeError) -> String {
        try seal(credentials, to: OwnerKey(pem: publicKeyPEM))
    }

    /// Encrypts `credentials` to an already parsed key; returns base64 of the raw ciphertext.
    public static func seal(_ credentials: Credentials, to key: OwnerKey) throws(CredentialEnvelopeError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let plaintext = try? encoder.encode(credentials) else { throw CredentialEnvelopeError(.malformedPayload) }
        let publicKey = try key.publicKey
        let limit = publicKey.maximumEncryptSize(with: .PKCS1_OAEP_SHA256)
        guard plaintext.count <= limit else { throw CredentialEnvelopeError(.tooLarge(bytes: plaintext.count, limit: limit)) }
        do {
            return try publicKey.encrypt(plaintext, padding: .PKCS1_OAEP_SHA256).base64EncodedString()
        } catch {
            throw CredentialEnvelopeError(.invalidPublicKey)
        }
    }

    /// Decrypts an envelope with the requester's private key (PEM, PKCS#8 or PKCS#1).
    public static func open(_ envelope: String, privateKeyPEM: String) throws(CredentialEnvelopeError) -> Credentials {
        let key: _RSA.Encryption.PrivateKey
        do {
            key = try _RSA.Encryption.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw CredentialEnvelopeError(.invalidPrivateKey)
        }
        guard let ciphertext = Data(base64Encoded: envelope.trimmingCharacters(in: .whitespacesAndNewlines)),
              let plaintext = try? key.decrypt(ciphertext, padding: .PKCS1_OAEP_SHA256)
        else { throw CredentialEnvelopeError(.undecryptable) }
        guard let credentials = try? JSONDecoder().decode(Credentials.self, from: plaintext) else {
            throw CredentialEnvelopeError(.malformedPayload)
        }
        return credentials
    }
}
