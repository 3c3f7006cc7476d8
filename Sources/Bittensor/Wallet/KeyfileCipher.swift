import CSodium

/// The SDK's `$NACL` keyfile encryption (bittensor-wallet ≥ 2024): `"$NACL"` ‖ 24-byte nonce ‖
/// XSalsa20-Poly1305 secretbox (MAC ‖ ciphertext), keyed by Argon2i v1.3 of the password.
public enum KeyfileCipher {
    /// The magic prefix of an encrypted keyfile.
    public static let magic: [UInt8] = Array("$NACL".utf8)
    /// libsodium's `OPSLIMIT_SENSITIVE`, as the SDK uses.
    public static let opsLimit: UInt64 = 8
    /// libsodium's `MEMLIMIT_SENSITIVE` (512 MiB), as the SDK uses.
    public static let memLimit: Int = 536_870_912
    /// The SDK's fixed Argon2i salt (`NACL_SALT`).
    public static let salt: [UInt8] = [0x13, 0x71, 0x83, 0xdf, 0xf1, 0x5a, 0x09, 0xbc,
                                       0x9c, 0x90, 0xb5, 0x51, 0x87, 0x39, 0xe9, 0xb1]
    static let nonceLength = 24
    static let macLength = 16

    /// The 32-byte secretbox key for `password`: Argon2i v1.3 with the SDK's limits and salt.
    /// Takes seconds and 512 MiB of memory, by design.
    public static func deriveKey(password: String) -> [UInt8] {
        Sodium.ensureInitialized()
        var key = [UInt8](repeating: 0, count: 32)
        // utf8CString adds a NUL, so the buffer is never empty (an empty password is valid).
        let pw = Array(password.utf8CString)
        let rc = pw.withUnsafeBufferPointer { c in
            crypto_pwhash(&key, 32, c.baseAddress!, UInt64(c.count - 1), salt,
                          opsLimit, memLimit, crypto_pwhash_ALG_ARGON2I13)
        }
        // crypto_pwhash only fails when it cannot allocate the 512 MiB it needs.
        precondition(rc == 0, "Argon2i key derivation failed (out of memory?)")
        return key
    }

    /// Encrypts `plaintext` with `password` into the `$NACL` format, with a fresh random nonce.
    public static func encrypt(_ plaintext: [UInt8], password: String) -> [UInt8] {
        seal(plaintext, key: deriveKey(password: password))
    }

    /// Decrypts a `$NACL` keyfile. Throws `.corrupted` when it is too short to hold a box and
    /// `.wrongPassword` when the box does not open.
    public static func decrypt(_ data: [UInt8], password: String, path: String) throws(KeyfileError) -> [UInt8] {
        try validateShape(data, path: path)
        return try open(data, key: deriveKey(password: password), path: path)
    }

    /// Seals with an already derived key (lets a caller pay for Argon2i once).
    public static func seal(_ plaintext: [UInt8], key: [UInt8]) -> [UInt8] {
        Sodium.ensureInitialized()
        var nonce = [UInt8](repeating: 0, count: nonceLength)
        randombytes_buf(&nonce, nonceLength)
        var box = [UInt8](repeating: 0, count: plaintext.count + macLength)
        _ = crypto_secretbox_easy(&box, plaintext, UInt64(plaintext.count), nonce, key)
        return magic + nonce + box
    }

    /// Opens with an already derived key.
    public static func open(_ data: [UInt8], key: [UInt8], path: String) throws(KeyfileError) -> [UInt8] {
        try validateShape(data, path: path)
        Sodium.ensureInitialized()
        let nonce = Array(data[magic.count..<(magic.count + nonceLength)])
        let box = Array(data[(magic.count + nonceLength)...])
        var plain = [UInt8](repeating: 0, count: box.count - macLength)
        guard crypto_secretbox_open_easy(&plain, box, UInt64(box.count), nonce, key) == 0 else {
            throw .wrongPassword(path: path)
        }
        return plain
    }

    private static func validateShape(_ data: [UInt8], path: String) throws(KeyfileError) {
        guard data.starts(with: magic) else { throw .corrupted(path: path, reason: "not a $NACL keyfile") }
        guard data.count >= magic.count + nonceLength + macLength else {
            throw .corrupted(path: path, reason: "$NACL data too short (\(data.count) bytes)")
        }
    }
}
