import Crypto
import Foundation
import _CryptoExtras

/// A requester's RSA public key, the ownership token of a lease.
///
/// Two PEM texts of the same key (different line breaks, PKCS#1 vs SubjectPublicKeyInfo) have the
/// same fingerprint: SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex.
public struct OwnerKey: Sendable {
    /// The key's SubjectPublicKeyInfo DER.
    public let derRepresentation: Data
    /// SHA-256 of the key's SubjectPublicKeyInfo DER, lowercase hex.
    public let fingerprint: String

    /// Parses a PEM public key (RSA ≥ 2048 bits).
    /// - Throws: `CredentialEnvelopeError.invalidPublicKey` when the text is not one.
    public init(pem: String) throws(CredentialEnvelopeError) {
        let text = pem.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.utf8.count <= 16_384 else { throw CredentialEnvelopeError(.invalidPublicKey) }
        do {
            derRepresentation = try _RSA.Encryption.PublicKey(pemRepresentation: text).derRepresentation
        } catch {
            throw CredentialEnvelopeError(.invalidPublicKey)
        }
        fingerprint = SHA256.hash(data: derRepresentation).map { String(format: "%02x", $0) }.joined()
    }

    /// The key for encryption (re-parsed: the crypto type is not `Sendable`).
    var publicKey: _RSA.Encryption.PublicKey {
        get throws(CredentialEnvelopeError) {
            do { return try _RSA.Encryption.PublicKey(derRepresentation: derRepresentation) } catch {
                throw CredentialEnvelopeError(.invalidPublicKey)
            }
        }
    }
}
