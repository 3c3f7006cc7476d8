/// What a keyfile's bytes are, judged from their start as the SDK does.
public enum KeyfileFormat: Sendable, Equatable, CustomStringConvertible {
    /// Unencrypted JSON.
    case plain
    /// `$NACL` (Argon2i + XSalsa20-Poly1305), the current SDK encryption.
    case nacl
    /// `$ANSIBLE_VAULT` (SDKs before 2024).
    case ansibleVault
    /// Legacy Fernet (`gAAAAA…`).
    case legacyFernet

    /// Classifies `data`; anything not recognised as encrypted is treated as plain JSON.
    public init(of data: [UInt8]) {
        if data.starts(with: KeyfileCipher.magic) {
            self = .nacl
        } else if data.starts(with: Array("$ANSIBLE_VAULT".utf8)) {
            self = .ansibleVault
        } else if data.starts(with: Array("gAAAAA".utf8)) {
            self = .legacyFernet
        } else {
            self = .plain
        }
    }

    /// Whether the keyfile needs a password.
    public var isEncrypted: Bool { self != .plain }

    public var description: String {
        switch self {
        case .plain: "unencrypted"
        case .nacl: "$NACL"
        case .ansibleVault: "ansible-vault"
        case .legacyFernet: "legacy Fernet"
        }
    }
}
