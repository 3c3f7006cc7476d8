import Foundation

/// A machine rented to the user: where to log in, with which credentials, until when.
public struct Grant: Sendable, Hashable, Codable {
    public var hotkey: String
    public var uid: UInt16?
    public var ip: String
    public var port: Int
    public var username: String
    public var password: String
    public var expiresAt: Date

    /// The command a user types: `ssh root@IP -p PORT`.
    public var sshCommand: String { "ssh \(username)@\(ip) -p \(port)" }
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
