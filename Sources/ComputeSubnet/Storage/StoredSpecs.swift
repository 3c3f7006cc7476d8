import Foundation
import GRDB

/// A miner's last hardware specs as stored (`miner_details` of the original, §12).
public struct StoredSpecs: Sendable, Hashable, Codable {
    public var hotkey: String
    /// The specs as a JSON object (`{}` after a round without specs).
    public var json: String
    /// Consecutive specs rounds without specs from this miner (capped at `ValidatorStore.maxMissedSpecs`).
    public var missedCount: Int
    public var updatedAt: Date

    public init(hotkey: String, json: String, missedCount: Int, updatedAt: Date) {
        self.hotkey = hotkey
        self.json = json
        self.missedCount = missedCount
        self.updatedAt = updatedAt
    }
}

extension ValidatorStore {
    /// Cap of `StoredSpecs.missedCount` (5, as 1.4.2+).
    public static let maxMissedSpecs = 5

    /// Stores a miner's specs from a specs round. Non-empty specs replace the stored ones and
    /// reset the missed count; `nil` or an empty object wipes them to `{}` and counts a miss.
    /// - Throws: `StoreError.invalidValue` when `json` is not a JSON object or the hotkey is empty.
    public func storeSpecs(hotkey: String, json: String?, at date: Date) async throws(StoreError) {
        guard !hotkey.isEmpty else { throw .invalidValue("empty hotkey") }
        let specs: String?
        if let json {
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
                throw .invalidValue("specs of \(hotkey) are not a JSON object")
            }
            specs = object.isEmpty ? nil : json
        } else {
            specs = nil
        }
        let millis = Self.millis(date), cap = Self.maxMissedSpecs
        try await write { db in
            if let specs {
                try db.execute(sql: """
                    INSERT INTO miner_specs (hotkey, details, missed_count, updated_at) VALUES (?, ?, 0, ?)
                    ON CONFLICT (hotkey) DO UPDATE SET details = excluded.details, missed_count = 0, updated_at = excluded.updated_at
                    """, arguments: [hotkey, specs, millis])
            } else {
                try db.execute(sql: """
                    INSERT INTO miner_specs (hotkey, details, missed_count, updated_at) VALUES (?, '{}', 1, ?)
                    ON CONFLICT (hotkey) DO UPDATE SET details = '{}',
                        missed_count = MIN(missed_count + 1, ?), updated_at = excluded.updated_at
                    """, arguments: [hotkey, millis, cap])
            }
        }
    }

    /// The stored specs of one miner.
    public func specs(hotkey: String) async throws(StoreError) -> StoredSpecs? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM miner_specs WHERE hotkey = ?", arguments: [hotkey]).map(Self.specs(row:))
        }
    }

    /// All stored specs, by hotkey.
    public func allSpecs() async throws(StoreError) -> [StoredSpecs] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM miner_specs ORDER BY hotkey").map(Self.specs(row:))
        }
    }

    static func specs(row: Row) -> StoredSpecs {
        StoredSpecs(hotkey: row["hotkey"], json: row["details"], missedCount: row["missed_count"],
                    updatedAt: date(row["updated_at"]))
    }
}
