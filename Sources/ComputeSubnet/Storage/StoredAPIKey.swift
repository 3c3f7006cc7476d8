import Crypto
import Foundation
import GRDB

/// A renter key of the validator's REST API. Only the SHA-256 of the token is stored: the token
/// itself is shown once, when the key is made.
public struct StoredAPIKey: Sendable, Hashable, Codable {
    public var id: Int64
    /// The operator's label for the renter (unique).
    public var name: String
    public var createdAt: Date
    /// When the key was revoked; a revoked key is refused.
    public var revokedAt: Date?

    public init(id: Int64, name: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id; self.name = name; self.createdAt = createdAt; self.revokedAt = revokedAt
    }

    /// The prefix of every token (lets a leaked token be recognised by secret scanners).
    public static let tokenPrefix = "sn27_"

    /// A fresh token: the prefix and 32 random bytes in hex.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return tokenPrefix + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// The stored form of a token: SHA-256, hex.
    public static func hash(token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension ValidatorStore {
    /// Makes a renter key named `name`; returns it and its token (the only time the token exists).
    /// - Throws: `StoreError.invalidValue` for an empty or over-long name, or one already used.
    public func createAPIKey(name: String, at date: Date = Date()) async throws(StoreError) -> (key: StoredAPIKey, token: String) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 64 else { throw .invalidValue("an API key name must be 1…64 characters") }
        let token = StoredAPIKey.makeToken(), hash = StoredAPIKey.hash(token: token), millis = Self.millis(date)
        let id: Int64 = try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_key WHERE name = ?", arguments: [name]) != nil {
                throw StoreError.invalidValue("an API key named '\(name)' exists already (revoked names stay taken): pick another name")
            }
            try db.execute(sql: "INSERT INTO api_key (name, token_hash, created_at) VALUES (?, ?, ?)",
                           arguments: [name, hash, millis])
            return db.lastInsertedRowID
        }
        return (StoredAPIKey(id: id, name: name, createdAt: Self.date(millis)), token)
    }

    /// The unrevoked key whose token is `token`, `nil` for any other token.
    public func apiKey(token: String) async throws(StoreError) -> StoredAPIKey? {
        let hash = StoredAPIKey.hash(token: token)
        return try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_key WHERE token_hash = ? AND revoked_at IS NULL", arguments: [hash])
                .map(Self.apiKey(row:))
        }
    }

    /// Every key, revoked ones included, oldest first.
    public func apiKeys() async throws(StoreError) -> [StoredAPIKey] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_key ORDER BY id").map(Self.apiKey(row:)) }
    }

    /// Revokes the key named `name`; returns whether an unrevoked key was revoked.
    @discardableResult
    public func revokeAPIKey(name: String, at date: Date = Date()) async throws(StoreError) -> Bool {
        let millis = Self.millis(date)
        return try await write { db in
            try db.execute(sql: "UPDATE api_key SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [millis, name])
            return db.changesCount > 0
        }
    }

    static func apiKey(row: Row) -> StoredAPIKey {
        StoredAPIKey(id: row["id"], name: row["name"], createdAt: date(row["created_at"]),
                     revokedAt: (row["revoked_at"] as Int64?).map(date))
    }
}
