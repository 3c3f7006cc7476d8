import Foundation
import GRDB

extension ValidatorStore {
    /// Writes all results of a round in one transaction; a round already (partly) written is
    /// completed, never duplicated: each (round id, uid) is stored at most once, so a validator
    /// restarted mid-round may replay it safely.
    /// - Returns: how many results were newly stored.
    /// - Throws: `StoreError.invalidValue` (nothing written) for an empty round id, an empty
    ///   hotkey, a difficulty outside 1…64, a negative or non-finite elapsed time, or a uid
    ///   twice in the round.
    @discardableResult
    public func record(round: RoundRecord) async throws(StoreError) -> Int {
        try await record(round: round, afterInsert: { _ in })
    }

    /// `record(round:)` with a hook called inside the transaction after each inserted row
    /// (tests use it to fail half-way through a round).
    func record(round: RoundRecord, afterInsert: @escaping @Sendable (Int) throws -> Void) async throws(StoreError) -> Int {
        try Self.validate(round)
        return try await write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO challenge_result (round_id, uid, hotkey, success, elapsed, difficulty, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (round_id, uid) DO NOTHING
                """)
            var inserted = 0
            for (index, r) in round.results.enumerated() {
                try statement.execute(arguments: [
                    round.id, Int(r.uid), r.hotkey, r.success, r.elapsed, r.difficulty, Self.millis(r.createdAt),
                ])
                inserted += db.changesCount
                try afterInsert(index)
            }
            return inserted
        }
    }

    static func validate(_ round: RoundRecord) throws(StoreError) {
        guard !round.id.isEmpty else { throw .invalidValue("empty round id") }
        var seen = Set<UInt16>()
        for r in round.results {
            guard !r.hotkey.isEmpty else { throw .invalidValue("empty hotkey for uid \(r.uid)") }
            guard (1...64).contains(r.difficulty) else { throw .invalidValue("difficulty \(r.difficulty) for uid \(r.uid)") }
            if let e = r.elapsed, !(e.isFinite && e >= 0) { throw .invalidValue("elapsed \(e) for uid \(r.uid)") }
            guard seen.insert(r.uid).inserted else { throw .invalidValue("uid \(r.uid) twice in round \(round.id)") }
        }
    }

    /// Challenge statistics per hotkey over `window` ending at `now` (spec §7.1 without its
    /// calendar-date bug). Only hotkeys with a challenge in the window appear; rows after `now`
    /// are ignored.
    public func stats(window: StatsWindow = StatsWindow(), now: Date) async throws(StoreError) -> [String: MinerStats] {
        let start = Self.millis(window.start(endingAt: now)), end = Self.millis(now), n = window.recentCount
        return try await read { db in
            // The window aggregates use the time index; each miner's last N rows and last N
            // successes are read newest-first from the (hotkey, [success,] created_at) indexes.
            let rows = try Row.fetchAll(db, sql: """
                SELECT w.*,
                    (SELECT COUNT(*) FROM (
                        SELECT success FROM challenge_result r
                        WHERE r.hotkey = w.hotkey AND r.created_at <= :end
                        ORDER BY r.created_at DESC, r.id DESC LIMIT :n) WHERE success = 0) AS recent_failures,
                    (SELECT AVG(difficulty) FROM (
                        SELECT difficulty FROM challenge_result r
                        WHERE r.hotkey = w.hotkey AND r.success = 1 AND r.created_at <= :end
                        ORDER BY r.created_at DESC, r.id DESC LIMIT :n)) AS recent_difficulty
                FROM (
                    SELECT hotkey, COUNT(*) AS attempts,
                           SUM(success = 0) AS failures, SUM(success = 1) AS successes,
                           AVG(CASE WHEN success = 1 THEN elapsed END) AS avg_elapsed,
                           AVG(CASE WHEN success = 1 THEN difficulty END) AS avg_difficulty
                    FROM challenge_result WHERE created_at BETWEEN :start AND :end GROUP BY hotkey
                ) AS w
                """, arguments: ["start": start, "end": end, "n": n])
            var result: [String: MinerStats] = [:]
            for row in rows {
                let hotkey: String = row["hotkey"]
                result[hotkey] = MinerStats(
                    hotkey: hotkey, attempts: row["attempts"], failures: row["failures"], successes: row["successes"],
                    averageElapsed: row["avg_elapsed"], averageDifficulty: row["avg_difficulty"],
                    recentFailures: row["recent_failures"], recentAverageDifficulty: row["recent_difficulty"])
            }
            return result
        }
    }

    /// Deletes challenge rows older than `cutoff`, except each hotkey's `keepingRecent` most
    /// recent challenges and most recent successes (which the "last 20" statistics read), so
    /// pruning never changes `stats` for a window that starts after `cutoff`.
    ///
    /// Only rows older than `cutoff` are examined (the time index finds them), each against its
    /// own hotkey's newer rows through the (hotkey, time) indexes, at most `keepingRecent` of
    /// them: in a steady state that is one round's rows, a few milliseconds. (Ranking every row
    /// of the table with window functions took up to 0.7 s per round at 100k rows.) Prune after
    /// every round so each call deletes little; it holds the write lock.
    /// - Returns: the number of rows deleted.
    @discardableResult
    public func prune(olderThan cutoff: Date, keepingRecent: Int = 20) async throws(StoreError) -> Int {
        let limit = Self.millis(cutoff)
        return try await write { db in
            // A row is kept when fewer than `keep` rows of its hotkey are newer than it (it is
            // among the last `keep`), or it is a success with fewer than `keep` newer successes.
            // "Newer" orders by (created_at, id), as the statistics' "last 20" do.
            try db.execute(sql: """
                DELETE FROM challenge_result AS c
                WHERE c.created_at < :limit
                  AND (SELECT COUNT(*) FROM (
                        SELECT 1 FROM challenge_result AS n
                        WHERE n.hotkey = c.hotkey AND n.created_at >= c.created_at
                          AND (n.created_at > c.created_at OR n.id > c.id)
                        LIMIT :keep)) >= :keep
                  AND (c.success = 0 OR (SELECT COUNT(*) FROM (
                        SELECT 1 FROM challenge_result AS n
                        WHERE n.hotkey = c.hotkey AND n.success = 1 AND n.created_at >= c.created_at
                          AND (n.created_at > c.created_at OR n.id > c.id)
                        LIMIT :keep)) >= :keep)
                """, arguments: ["limit": limit, "keep": keepingRecent])
            return db.changesCount
        }
    }

    /// The stored results of one round, by uid (what a restarted validator finds of it).
    public func results(round id: String) async throws(StoreError) -> [ChallengeRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM challenge_result WHERE round_id = ? ORDER BY uid", arguments: [id]).map { row in
                ChallengeRecord(uid: UInt16(truncatingIfNeeded: row["uid"] as Int), hotkey: row["hotkey"], success: row["success"],
                                elapsed: row["elapsed"], difficulty: row["difficulty"], createdAt: Self.date(row["created_at"]))
            }
        }
    }

    /// Number of stored challenge results (diagnostics, tests).
    public func challengeCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM challenge_result") ?? 0 }
    }

    /// Stores which hotkey holds each uid. When a uid changed hands, the previous hotkey's
    /// challenge history is deleted (spec §9.3 step 2), so the newcomer starts clean.
    /// - Returns: the hotkeys whose history was deleted.
    @discardableResult
    public func syncMiners(_ hotkeysByUid: [UInt16: String]) async throws(StoreError) -> [String] {
        for (uid, hotkey) in hotkeysByUid where hotkey.isEmpty { throw .invalidValue("empty hotkey for uid \(uid)") }
        guard Set(hotkeysByUid.values).count == hotkeysByUid.count else { throw .invalidValue("a hotkey holds two uids") }
        return try await write { db in
            var replaced: [String] = []
            for (uid, hotkey) in hotkeysByUid.sorted(by: { $0.key < $1.key }) {
                let previous = try String.fetchOne(db, sql: "SELECT hotkey FROM miner WHERE uid = ?", arguments: [Int(uid)])
                if previous == hotkey { continue }
                if let previous {
                    try db.execute(sql: "DELETE FROM challenge_result WHERE hotkey = ?", arguments: [previous])
                    replaced.append(previous)
                }
                try db.execute(sql: "DELETE FROM miner WHERE uid = ? OR hotkey = ?", arguments: [Int(uid), hotkey])
                try db.execute(sql: "INSERT INTO miner (uid, hotkey) VALUES (?, ?)", arguments: [Int(uid), hotkey])
            }
            return replaced
        }
    }

    /// The stored uid → hotkey map.
    public func miners() async throws(StoreError) -> [UInt16: String] {
        try await read { db in
            var result: [UInt16: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT uid, hotkey FROM miner") {
                result[UInt16(truncatingIfNeeded: row["uid"] as Int)] = row["hotkey"]
            }
            return result
        }
    }
}
