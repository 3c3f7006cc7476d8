import Foundation
import _CryptoExtras

/// The login a miner hands to the requester of an allocation: `{"username", "password", "port"}`.
public struct Credentials: Sendable, Hashable, Codable {
    public var username: String
    public var password: String
    public var port: Int

    public init(username: String, password: String, port: Int) {
        self.username = username
        self.password = password
        self.port = port
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
        case .malformedPayload: "the decrypted credentials are not {\"username\", \"password\", \"port\"} JSON"
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
