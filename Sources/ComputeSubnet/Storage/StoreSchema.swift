import GRDB

/// The validator database's migrations (spec §12 as a starting point).
///
/// Times are INTEGER milliseconds since 1970 (UTC), so window queries compare numbers rather
/// than the original's mixed-time-zone date strings.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE miner (
                    uid INTEGER PRIMARY KEY NOT NULL,
                    hotkey TEXT NOT NULL UNIQUE
                );
                CREATE TABLE challenge_result (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    round_id TEXT NOT NULL,
                    uid INTEGER NOT NULL,
                    hotkey TEXT NOT NULL CHECK (hotkey <> ''),
                    success INTEGER NOT NULL CHECK (success IN (0, 1)),
                    elapsed REAL CHECK (elapsed IS NULL OR elapsed >= 0),
                    difficulty INTEGER NOT NULL CHECK (difficulty BETWEEN 1 AND 64),
                    created_at INTEGER NOT NULL,
                    UNIQUE (round_id, uid)
                );
                -- each miner's last 20 challenges and last 20 successes, newest first
                CREATE INDEX challenge_result_hotkey_time ON challenge_result (hotkey, created_at);
                CREATE INDEX challenge_result_hotkey_outcome_time ON challenge_result (hotkey, success, created_at);
                -- the window aggregates and pruning
                CREATE INDEX challenge_result_time ON challenge_result (created_at);
                CREATE TABLE miner_specs (
                    hotkey TEXT PRIMARY KEY NOT NULL,
                    details TEXT NOT NULL DEFAULT '{}',
                    missed_count INTEGER NOT NULL DEFAULT 0,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE allocation (
                    hotkey TEXT PRIMARY KEY NOT NULL,
                    uid INTEGER,
                    ip TEXT NOT NULL,
                    port INTEGER NOT NULL,
                    username TEXT NOT NULL,
                    public_key_fingerprint TEXT NOT NULL,
                    encrypted_private_key BLOB,
                    details TEXT,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX allocation_expiry ON allocation (expires_at);
                CREATE TABLE penalty (
                    hotkey TEXT PRIMARY KEY NOT NULL,
                    reason TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL
                );
                """)
        }
        // The renter API (#15): hashed keys, and which key made each API allocation.
        migrator.registerMigration("v2-api") { db in
            try db.execute(sql: """
                CREATE TABLE api_key (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE TABLE api_allocation (
                    id TEXT PRIMARY KEY NOT NULL,
                    key_id INTEGER NOT NULL REFERENCES api_key (id),
                    hotkey TEXT NOT NULL CHECK (hotkey <> ''),
                    host TEXT NOT NULL,
                    port INTEGER NOT NULL,
                    username TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    ended_at INTEGER
                );
                CREATE INDEX api_allocation_key ON api_allocation (key_id, created_at);
                """)
        }
        return migrator
    }
}
