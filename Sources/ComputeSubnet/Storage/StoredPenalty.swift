import Foundation
import GRDB

/// A miner hotkey this validator's operator penalised (`p_hotkey`): its score is 0 until removed.
public struct StoredPenalty: Sendable, Hashable, Codable {
    public var hotkey: String
    public var reason: String
    public var createdAt: Date

    public init(hotkey: String, reason: String, createdAt: Date) {
        self.hotkey = hotkey
        self.reason = reason
        self.createdAt = createdAt
    }
}

extension ValidatorStore {
    /// Penalises a hotkey. Returns `false` (and keeps the first reason) when it already was.
    @discardableResult
    public func penalize(hotkey: String, reason: String = "", at date: Date) async throws(StoreError) -> Bool {
        guard !hotkey.isEmpty else { throw .invalidValue("empty hotkey") }
        let millis = Self.millis(date)
        return try await write { db in
            try db.execute(sql: "INSERT INTO penalty (hotkey, reason, created_at) VALUES (?, ?, ?) ON CONFLICT (hotkey) DO NOTHING",
                           arguments: [hotkey, reason, millis])
            return db.changesCount == 1
        }
    }

    /// Lifts a penalty (`dp_hotkey`). Returns `false` when the hotkey was not penalised.
    @discardableResult
    public func removePenalty(hotkey: String) async throws(StoreError) -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM penalty WHERE hotkey = ?", arguments: [hotkey])
            return db.changesCount == 1
        }
    }

    /// All penalties, oldest first.
    public func penalties() async throws(StoreError) -> [StoredPenalty] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM penalty ORDER BY created_at, hotkey").map {
                StoredPenalty(hotkey: $0["hotkey"], reason: $0["reason"], createdAt: Self.date($0["created_at"]))
            }
        }
    }

    /// The penalised hotkeys (for scoring).
    public func penalizedHotkeys() async throws(StoreError) -> Set<String> {
        try await read { db in Set(try String.fetchAll(db, sql: "SELECT hotkey FROM penalty")) }
    }
}
