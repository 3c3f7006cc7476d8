import Foundation
import GRDB

/// The validator's SQLite database (WAL): miners, challenge results, specs, allocations and
/// penalties. Shared by the validator and the register CLI — several processes and connections
/// may read and write at once; writers wait for each other up to `busyTimeout`.
///
/// All methods are safe to call from any task. Every method either fully applies or changes
/// nothing, and throws only `StoreError`.
public struct ValidatorStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// - Parameter busyTimeout: how long a write waits for another connection's write.
    public init(path: String, busyTimeout: TimeInterval = 10) throws(StoreError) {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "ValidatorStore"
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            // Created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same
            // mode); an older, looser file is narrowed. It holds renters' leases and miners' history.
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            if fd >= 0 { fchmod(fd, 0o600); close(fd) }
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                chmod(path + suffix, 0o600)
            }
            pool = try DatabasePool(path: path, configuration: config)
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw Self.map(error)
        }
    }

    /// A store on a fresh file in a new temporary directory (tests, benchmarks). WAL needs a
    /// file, so there is no purely in-memory variant.
    public static func temporary() throws(StoreError) -> ValidatorStore {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("validator-store-\(UUID().uuidString)")
        return try ValidatorStore(path: directory.appendingPathComponent("validator.sqlite").path)
    }

    /// SQLite's journal mode of this connection pool (`"wal"`).
    public func journalMode() async throws(StoreError) -> String {
        try await read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// The tables of the schema (diagnostics, tests).
    func tableNames() async throws(StoreError) -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
    }

    // MARK: - Helpers shared by the extensions

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.read(body) } catch { throw Self.map(error) }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await pool.write(body) } catch { throw Self.map(error) }
    }

    static func map(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError: error
        case let error as DatabaseError:
            .database(code: error.extendedResultCode.rawValue, message: error.message ?? "\(error.resultCode)")
        default: .database(code: -1, message: "\(error)")
        }
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
