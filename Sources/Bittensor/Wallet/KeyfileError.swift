/// Why a keyfile could not be read, decrypted or written. Every case names the file.
public enum KeyfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at `path`.
    case notFound(path: String)
    /// The file exists and `overwrite` was not given.
    case alreadyExists(path: String)
    /// An ansible-vault encrypted keyfile (`$ANSIBLE_VAULT;…`, SDKs before 2024).
    case ansibleVault(path: String)
    /// A legacy Fernet encrypted keyfile (`gAAAAA…`, the oldest SDKs).
    case legacyFernet(path: String)
    /// The `$NACL` box did not open: the password is wrong or the ciphertext was altered.
    case wrongPassword(path: String)
    /// The file is neither a keyfile JSON nor a known encryption format, or its JSON is unusable.
    case corrupted(path: String, reason: String)
    /// The keyfile is encrypted and no password could be obtained (no TTY, no file, no env var).
    case passwordRequired(path: String)
    /// A keyfile is to be encrypted and no password could be obtained.
    case encryptionPasswordRequired(path: String)
    /// The two passwords typed to encrypt a keyfile differ.
    case passwordMismatch(path: String)
    /// A password file could not be read or was empty.
    case passwordFile(path: String, reason: String)
    /// The key material inside the file is invalid, or a key source (mnemonic, seed, URI) is.
    case invalidKey(KeyError)
    /// A wallet or hotkey name that cannot be a single folder or file name.
    case invalidName(String)
    /// A mnemonic length other than 12, 15, 18, 21 or 24 words.
    case invalidWordCount(Int)
    /// A file-system operation failed.
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case let .notFound(path): "keyfile not found: \(path)"
        case let .alreadyExists(path): "\(path) already exists (pass --overwrite to replace it)"
        case let .ansibleVault(path):
            "\(path) is an ansible-vault encrypted keyfile (old SDK format); not supported, regenerate it from its mnemonic"
        case let .legacyFernet(path):
            "\(path) is a legacy Fernet encrypted keyfile (old SDK format); not supported, regenerate it from its mnemonic"
        case let .wrongPassword(path): "wrong password for \(path) (or the encrypted keyfile is corrupted)"
        case let .corrupted(path, reason): "corrupted keyfile \(path): \(reason)"
        case let .passwordRequired(path):
            "\(path) is encrypted and no password was given (use --password-file, the BT_PW_… variable, or a terminal)"
        case let .encryptionPasswordRequired(path):
            "a password is needed to encrypt \(path) (use --password-file, the BT_PW_… variable, a terminal, or --no-password)"
        case let .passwordMismatch(path): "the passwords typed for \(path) do not match"
        case let .passwordFile(path, reason): "cannot use password file \(path): \(reason)"
        case let .invalidKey(error): error.description
        case let .invalidName(name): "invalid wallet or hotkey name '\(name)' (must be a plain file name)"
        case let .invalidWordCount(n): "a mnemonic has 12, 15, 18, 21 or 24 words, not \(n)"
        case let .io(path, operation, code): "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
