import Foundation
import GRDB

/// The devnet's state in one SQLite file (`<path>/devnet.sqlite`, WAL), shared by every process
/// on the machine: the `devnet start` producer, miners, validators and the CLI.
///
/// Crash safety comes from SQLite: every chain call is one IMMEDIATE transaction (GRDB's default
/// for writes), so a killed process loses nothing committed and leaves nothing half-written.
/// Concurrent writers from other processes wait on the lock (busy timeout) instead of failing.
public struct DevnetStore: Sendable {
    /// The folder holding the devnet.
    public let path: String
    let pool: DatabasePool

    /// The database file inside `path`.
    public static func databaseFile(in path: String) -> String { (path as NSString).appendingPathComponent("devnet.sqlite") }

    /// Opens the store at `path`, creating the folder and schema when `create` is true.
    public init(path: String, create: Bool) throws(DevnetError) {
        self.path = path
        let file = Self.databaseFile(in: path)
        let exists = FileManager.default.fileExists(atPath: file)
        if !exists && !create { throw .notInitialised(path: path) }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            configuration.label = "devnet"
            pool = try DatabasePool(path: file, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw .storage("\(file): \(error)")
        }
    }

    /// Runs `body` in one write transaction.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write(body)
    }

    /// Runs `body` on a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row: the chain head and how blocks are produced.
            try db.create(table: "chain") { t in
                t.column("id", .integer).primaryKey()
                t.column("block", .integer).notNull()
                t.column("blockTime", .double).notNull()
                t.column("genesisTime", .double).notNull()
                t.column("lastBlockTime", .double).notNull()
            }
            try db.create(table: "account") { t in
                t.column("address", .text).primaryKey()
                t.column("balance", .integer).notNull()
            }
            // Hotkey → owning coldkey and its stake (rao).
            try db.create(table: "hotkey") { t in
                t.column("hotkey", .text).primaryKey()
                t.column("coldkey", .text).notNull()
                t.column("stake", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "subnet") { t in
                t.column("netuid", .integer).primaryKey()
                for name in ["tempo", "maxAllowedUids", "immunityPeriod", "weightsRateLimit", "weightsVersionKey",
                             "minAllowedWeights", "maxWeightLimit", "maxAllowedValidators", "activityCutoff",
                             "kappa", "bondsMovingAverage", "burn", "commitRevealEnabled", "emissionPerBlock"] {
                    t.column(name, .integer).notNull()
                }
                t.column("createdAt", .integer).notNull().defaults(to: 0)
                t.column("lastEpoch", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "neuron") { t in
                t.column("netuid", .integer).notNull().references("subnet", onDelete: .cascade)
                t.column("uid", .integer).notNull()
                t.column("hotkey", .text).notNull()
                t.column("coldkey", .text).notNull()
                for name in ["registeredAt", "lastUpdate", "active", "validatorPermit", "rank", "trust", "consensus",
                             "validatorTrust", "incentive", "dividends", "emission", "pruningScore",
                             "axonBlock", "axonVersion", "axonPort", "axonIPType", "axonProtocol"] {
                    t.column(name, .integer).notNull().defaults(to: 0)
                }
                t.column("axonIP", .text).notNull().defaults(to: "0.0.0.0")
                t.primaryKey(["netuid", "uid"])
                t.uniqueKey(["netuid", "hotkey"])
            }
            // Weights and bonds: u16 values, row `uid` (the validator), column `dest`.
            for table in ["weight", "bond"] {
                try db.create(table: table) { t in
                    t.column("netuid", .integer).notNull()
                    t.column("uid", .integer).notNull()
                    t.column("dest", .integer).notNull()
                    t.column("value", .integer).notNull()
                    t.primaryKey(["netuid", "uid", "dest"])
                }
            }
            // A readable log of what happened, for `devnet start` to print.
            try db.create(table: "event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("block", .integer).notNull()
                t.column("text", .text).notNull()
            }
        }
        migrator.registerMigration("v2-commit-reveal") { db in
            try db.alter(table: "subnet") { t in
                t.add(column: "revealPeriodEpochs", .integer).notNull().defaults(to: 1)
            }
            // The devnet's drand stand-in: public part only (the secret is in `beacon.secret`, 0600).
            try db.create(table: "beacon") { t in
                t.column("id", .integer).primaryKey()
                t.column("publicKey", .blob).notNull()
                t.column("genesis", .double).notNull()
                t.column("period", .double).notNull()
            }
            // Published beacon signatures (pallet_drand's Pulses).
            try db.create(table: "pulse") { t in
                t.column("round", .integer).primaryKey()
                t.column("signature", .blob).notNull()
            }
            // TimelockedWeightCommits: (netuid, mecid, epoch) → queue of (hotkey, block, commit, round).
            try db.create(table: "timelockCommit") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("netuid", .integer).notNull()
                t.column("mecid", .integer).notNull()
                t.column("epoch", .integer).notNull()
                t.column("hotkey", .text).notNull()
                t.column("commitBlock", .integer).notNull()
                t.column("revealRound", .integer).notNull()
                t.column("ciphertext", .blob).notNull()
            }
        }
        migrator.registerMigration("v3-dtao-stake") { db in
            // `hotkey.stake` is the hotkey's alpha (see `Ledger`); `taoStake` its root TAO.
            try db.alter(table: "hotkey") { t in
                t.add(column: "taoStake", .integer).notNull().defaults(to: 0)
            }
            // SubtensorModule.TaoWeight as a proportion in [0, 1].
            try db.alter(table: "chain") { t in
                t.add(column: "taoWeight", .double).notNull().defaults(to: 0.18)  // TaoWeight.finney
            }
        }
        return migrator
    }
}

extension Database {
    /// The current block (the chain row must exist).
    func devnetBlock() throws -> UInt64 {
        guard let block = try UInt64.fetchOne(self, sql: "SELECT block FROM chain WHERE id = 1") else {
            throw DevnetError.storage("the chain row is missing")
        }
        return block
    }

    /// Appends a line to the event log.
    func devnetLog(_ block: UInt64, _ text: String) throws {
        try execute(sql: "INSERT INTO event (block, text) VALUES (?, ?)", arguments: [block, text])
    }
}
