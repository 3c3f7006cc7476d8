import Foundation
import GRDB

/// An allocation made through the REST API: which renter key made it, for which miner, until
/// when. The miner-side lease (and its ownership key) is the `StoredAllocation` of the same hotkey.
public struct StoredRenterAllocation: Sendable, Hashable, Codable {
    public var id: String
    /// The `StoredAPIKey.id` that made it; only that key sees it.
    public var keyID: Int64
    public var hotkey: String
    public var host: String
    public var port: UInt16
    public var username: String
    public var createdAt: Date
    public var expiresAt: Date
    public var endedAt: Date?

    public init(id: String, keyID: Int64, hotkey: String, host: String, port: UInt16, username: String,
                createdAt: Date, expiresAt: Date, endedAt: Date? = nil) {
        self.id = id; self.keyID = keyID; self.hotkey = hotkey; self.host = host; self.port = port
        self.username = username; self.createdAt = createdAt; self.expiresAt = expiresAt; self.endedAt = endedAt
    }

    /// "ended", "expired" or "active" at `date`.
    public func state(at date: Date) -> String {
        endedAt != nil ? "ended" : expiresAt <= date ? "expired" : "active"
    }
}

extension ValidatorStore {
    /// Stores an API allocation.
    /// - Throws: `StoreError.invalidValue` for an empty id or hotkey, or an unknown key.
    public func insertRenterAllocation(_ a: StoredRenterAllocation) async throws(StoreError) {
        guard !a.id.isEmpty, !a.hotkey.isEmpty else { throw .invalidValue("an API allocation needs an id and a hotkey") }
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM api_key WHERE id = ?", arguments: [a.keyID]) != nil else {
                throw StoreError.invalidValue("no API key \(a.keyID)")
            }
            try db.execute(sql: """
                INSERT INTO api_allocation (id, key_id, hotkey, host, port, username, created_at, expires_at, ended_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.id, a.keyID, a.hotkey, a.host, Int(a.port), a.username, Self.millis(a.createdAt),
                                 Self.millis(a.expiresAt), a.endedAt.map(Self.millis)])
        }
    }

    /// The allocations made by key `keyID`, newest first.
    public func renterAllocations(keyID: Int64) async throws(StoreError) -> [StoredRenterAllocation] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_allocation WHERE key_id = ? ORDER BY created_at DESC, id",
                             arguments: [keyID]).map(Self.renterAllocation(row:))
        }
    }

    /// Allocation `id` when key `keyID` made it; `nil` for an unknown id or another key's.
    public func renterAllocation(id: String, keyID: Int64) async throws(StoreError) -> StoredRenterAllocation? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_allocation WHERE id = ? AND key_id = ?", arguments: [id, keyID])
                .map(Self.renterAllocation(row:))
        }
    }

    /// Every API allocation not ended (the dashboard), newest first.
    public func openRenterAllocations() async throws(StoreError) -> [StoredRenterAllocation] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_allocation WHERE ended_at IS NULL ORDER BY created_at DESC")
                .map(Self.renterAllocation(row:))
        }
    }

    /// API allocations not ended whose time ran out by `date` (any key), oldest first.
    public func expiredRenterAllocations(at date: Date) async throws(StoreError) -> [StoredRenterAllocation] {
        let millis = Self.millis(date)
        return try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_allocation WHERE ended_at IS NULL AND expires_at <= ? ORDER BY expires_at",
                             arguments: [millis]).map(Self.renterAllocation(row:))
        }
    }

    /// Marks allocation `id` of key `keyID` ended; returns it, `nil` when it is not that key's.
    @discardableResult
    public func endRenterAllocation(id: String, keyID: Int64, at date: Date) async throws(StoreError) -> StoredRenterAllocation? {
        let millis = Self.millis(date)
        return try await write { db in
            try db.execute(sql: "UPDATE api_allocation SET ended_at = ? WHERE id = ? AND key_id = ? AND ended_at IS NULL",
                           arguments: [millis, id, keyID])
            return try Row.fetchOne(db, sql: "SELECT * FROM api_allocation WHERE id = ? AND key_id = ?", arguments: [id, keyID])
                .map(Self.renterAllocation(row:))
        }
    }

    /// One miner's challenge results since `start` up to `end`, oldest first.
    public func challengeResults(hotkey: String, from start: Date, to end: Date) async throws(StoreError) -> [ChallengeRecord] {
        let (s, e) = (Self.millis(start), Self.millis(end))
        return try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM challenge_result WHERE hotkey = ? AND created_at BETWEEN ? AND ? ORDER BY created_at, id
                """, arguments: [hotkey, s, e]).map { row in
                ChallengeRecord(uid: UInt16(truncatingIfNeeded: row["uid"] as Int), hotkey: row["hotkey"], success: row["success"],
                                elapsed: row["elapsed"], difficulty: row["difficulty"], createdAt: Self.date(row["created_at"]))
            }
        }
    }

    /// Each miner's last successful challenge.
    public func lastSuccess() async throws(StoreError) -> [String: Date] {
        try await read { db in
            var out: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT hotkey, MAX(created_at) AS t FROM challenge_result WHERE success = 1 GROUP BY hotkey") {
                out[row["hotkey"]] = Self.date(row["t"])
            }
            return out
        }
    }

    static func renterAllocation(row: Row) -> StoredRenterAllocation {
        StoredRenterAllocation(
            id: row["id"], keyID: row["key_id"], hotkey: row["hotkey"], host: row["host"],
            port: UInt16(truncatingIfNeeded: row["port"] as Int), username: row["username"],
            createdAt: date(row["created_at"]), expiresAt: date(row["expires_at"]),
            endedAt: (row["ended_at"] as Int64?).map(date))
    }
}
