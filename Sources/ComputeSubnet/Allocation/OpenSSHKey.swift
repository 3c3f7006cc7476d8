import Crypto
import Foundation

/// An ed25519 login key for a lease, in OpenSSH's formats.
///
/// When a requester sends no `ssh_key`, the miner makes one of these per lease, installs its public
/// line in the container and returns only the 32-byte seed (RFC 8032's private key) inside the
/// RSA-OAEP envelope: a whole OpenSSH private key file (≈ 400 bytes) does not fit one 2048-bit
/// OAEP block (190 bytes), the seed does. `privateKeyFile` rebuilds the file `ssh -i` reads.
public struct OpenSSHKey: Sendable {
    /// The 32-byte seed.
    public let seed: Data

    /// A fresh key from the system CSPRNG.
    public init() { seed = Curve25519.Signing.PrivateKey().rawRepresentation }

    /// The key with this 32-byte seed; `nil` when it is not 32 bytes.
    public init?(seed: Data) {
        guard seed.count == 32, (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) != nil else { return nil }
        self.seed = seed
    }

    private var key: Curve25519.Signing.PrivateKey {
        // The seed was checked when the value was made.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
    }

    /// The key whose seed is this base64 text (the envelope's `ed25519_seed`).
    public init?(seedBase64: String) {
        guard let seed = Data(base64Encoded: seedBase64) else { return nil }
        self.init(seed: seed)
    }

    /// base64 of `seed`.
    public var seedBase64: String { seed.base64EncodedString() }

    /// `ssh-ed25519 AAAA… comment`, one authorized_keys line.
    public func publicKeyLine(comment: String = "sn27-lease") -> String {
        "ssh-ed25519 \(publicBlob.base64EncodedString()) \(comment)"
    }

    /// The unencrypted `-----BEGIN OPENSSH PRIVATE KEY-----` file (openssh-key-v1, cipher "none").
    public func privateKeyFile(comment: String = "sn27-lease") -> String {
        let publicKey = key.publicKey.rawRepresentation
        var secret = Data()
        let check = UInt32.random(in: .min ... .max)
        secret.appendUInt32(check)
        secret.appendUInt32(check)
        secret.appendSSHString(Data("ssh-ed25519".utf8))
        secret.appendSSHString(publicKey)
        secret.appendSSHString(seed + publicKey)
        secret.appendSSHString(Data(comment.utf8))
        var pad: UInt8 = 1
        while secret.count % 8 != 0 {
            secret.append(pad)
            pad += 1
        }
        var body = Data("openssh-key-v1".utf8) + Data([0])
        body.appendSSHString(Data("none".utf8))
        body.appendSSHString(Data("none".utf8))
        body.appendSSHString(Data())
        body.appendUInt32(1)
        body.appendSSHString(publicBlob)
        body.appendSSHString(secret)
        let encoded = body.base64EncodedString()
        var lines = ["-----BEGIN OPENSSH PRIVATE KEY-----"]
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 70, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        lines.append("-----END OPENSSH PRIVATE KEY-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The public key in SSH wire format: string "ssh-ed25519", string key.
    private var publicBlob: Data {
        var blob = Data()
        blob.appendSSHString(Data("ssh-ed25519".utf8))
        blob.appendSSHString(key.publicKey.rawRepresentation)
        return blob
    }
}

/// The grammar of a public key a requester may install as root's login (`ssh_key`).
public enum SSHPublicKey {
    /// Key types accepted; each blob must start with its own type name.
    public static let types: Set<String> = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                                            "ecdsa-sha2-nistp521"]
    /// The longest line accepted (an 8192-bit RSA key is about 1.4 KB of base64).
    public static let maximumLength = 4096

    /// The line, trimmed, when it is `type base64 [comment]` with a known type, a blob that decodes
    /// and names the same type, and a printable comment; "" for empty input; `nil` otherwise
    /// (authorized_keys options such as `command="…"` are therefore refused).
    public static func validated(_ text: String) -> String? {
        let line = text.trimmingCharacters(in: .whitespaces)
        if line.isEmpty { return "" }
        guard line.utf8.count <= maximumLength,
              line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) else { return nil }
        let words = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count >= 2, types.contains(String(words[0])),
              words[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=" }),
              let blob = Data(base64Encoded: String(words[1])), blob.count >= 4 else { return nil }
        let length = blob.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, blob.count >= 4 + length,
              String(decoding: blob.dropFirst(4).prefix(length), as: UTF8.self) == words[0] else { return nil }
        return line
    }
}

extension Data {
    mutating func appendUInt32(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)])
    }

    mutating func appendSSHString(_ bytes: Data) {
        appendUInt32(UInt32(bytes.count))
        append(bytes)
    }
}
