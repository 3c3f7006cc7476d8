import BLS12381

/// Errors raised by timelock encryption / decryption and beacon keys.
public enum TimelockError: Error, Equatable, CustomStringConvertible {
    /// The beacon public key could not be decoded as a G2 point.
    case invalidPublicKey(BLSError)
    /// The beacon signature could not be decoded as a G1 point.
    case invalidSignature(BLSError)
    /// A beacon secret key could not be parsed.
    case invalidSecretKey(String)
    /// The ciphertext does not have the tlock layout (what was wrong is given).
    case malformedCiphertext(String)
    /// The IBE header did not open with this signature (wrong round / beacon, or tampered header).
    case decryptionFailed
    /// AES-GCM rejected the body (tampered body or nonce).
    case authenticationFailed
    /// AES-GCM sealing failed.
    case encryptionFailed(String)

    public var description: String {
        switch self {
        case let .invalidPublicKey(e): return "invalid beacon public key: \(e)"
        case let .invalidSignature(e): return "invalid beacon signature: \(e)"
        case let .invalidSecretKey(why): return "invalid beacon secret key: \(why)"
        case let .malformedCiphertext(why): return "malformed timelock ciphertext: \(why)"
        case .decryptionFailed: return "timelock decryption failed: the signature does not open this ciphertext"
        case .authenticationFailed: return "timelock decryption failed: AES-GCM authentication failed"
        case let .encryptionFailed(why): return "timelock encryption failed: \(why)"
        }
    }
}
