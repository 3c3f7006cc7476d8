import Foundation

/// A machine rented to the user: where to log in, with which key, until when.
public struct Grant: Sendable, Hashable, Codable {
    public var hotkey: String
    public var uid: UInt16?
    public var ip: String
    public var port: Int
    public var username: String
    /// Empty: miners accept keys only (an older miner may still send a password).
    public var password: String
    public var expiresAt: Date
    /// The login key, an unencrypted OpenSSH private key file; write it with mode 0600 (`writeIdentity`).
    public var privateKey: String?
    /// Where `writeIdentity` put `privateKey`.
    public var identityFile: String?

    public init(hotkey: String, uid: UInt16?, ip: String, port: Int, username: String, password: String,
                expiresAt: Date, privateKey: String? = nil, identityFile: String? = nil) {
        self.hotkey = hotkey
        self.uid = uid
        self.ip = ip
        self.port = port
        self.username = username
        self.password = password
        self.expiresAt = expiresAt
        self.privateKey = privateKey
        self.identityFile = identityFile
    }

    /// The private key is never encoded: it lives only in its 0600 file.
    private enum CodingKeys: String, CodingKey { case hotkey, uid, ip, port, username, password, expiresAt, identityFile }

    /// The command a user types: `ssh -i KEY root@IP -p PORT`.
    public var sshCommand: String {
        (identityFile.map { "ssh -i \($0) " } ?? "ssh ") + "\(username)@\(ip) -p \(port)"
    }

    /// Writes `privateKey` to `directory/<hotkey>-<port>.key` (directory 0700, file 0600) and records the path.
    public mutating func writeIdentity(in directory: String) throws {
        guard let privateKey else { return }
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = "\(directory)/\(hotkey)-\(port).key"
        try? fm.removeItem(atPath: path)
        guard fm.createFile(atPath: path, contents: Data(privateKey.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        identityFile = path
    }
}

extension StoredAllocation {
    /// The RSA public key (PEM) the allocation was made with: the ownership token the miner checks
    /// (`regkey` in the details JSON, as the original's register CLI wrote it; `public_key` also read).
    public var publicKeyPEM: String? {
        guard let key = (detailsObject?["regkey"] ?? detailsObject?["public_key"]) as? String, !key.isEmpty else { return nil }
        return key
    }

    /// A human-readable resource label ("nvidia h100 80gb hbm3", "cpu").
    public var resource: String? { detailsObject?["resource"] as? String }

    /// The stored password, only when the operator asked to keep it.
    public var storedPassword: String? { detailsObject?["password"] as? String }

    var detailsObject: [String: Any]? {
        guard let details, let data = details.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The details JSON for a new allocation.
    static func details(publicKeyPEM: String, resource: String, request: ResourceRequest?, password: String?) -> String {
        var object: [String: Any] = ["regkey": publicKeyPEM, "resource": resource]
        if let request { object["request"] = request.summary }
        if let password { object["password"] = password }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
