import Foundation

/// Why the lease store could not be read or written; keeps the underlying error.
public struct LeaseBookError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        case unreadable(path: String, cause: any Error)
        /// Written by a newer miner than this one.
        case newerVersion(path: String, version: Int, supported: Int)
        case unwritable(path: String, cause: any Error)
    }

    public let reason: Reason
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .unreadable(path, cause): "lease store \(path) cannot be read (\(cause)); fix or move the file, then restart the miner"
        case let .newerVersion(path, version, supported):
            "lease store \(path) has version \(version), newer than this miner's \(supported); upgrade the miner"
        case let .unwritable(path, cause): "lease store \(path) cannot be written (\(cause)); check its folder's permissions and free space"
        }
    }
}

/// The miner's leases, persisted as one JSON file so a restarted miner keeps serving and expiring them.
///
/// Every change goes through `AtomicFile` (write a 0600 temporary file, fsync, rename over the old
/// one, fsync the folder): a crash leaves either the old or the new book, never half of one, and a
/// book that was written survives a power cut. Opening a book also narrows an older, looser file to
/// 0600.
///
/// File versions: 2 records each lease's `ownerHotkey`; version 1 (before owner hotkeys) is read
/// as described on `Lease` (its verified `callerHotkey` becomes the owner; none recorded → unknown
/// owner, ended only by expiry) and rewritten as version 2 on the next change.
public actor LeaseBook {
    private struct Stored: Codable {
        var version = LeaseBook.version
        var leases: [Lease]
    }

    /// The file format this code writes.
    public static let version = 2

    /// The JSON file.
    public nonisolated let path: String
    private var leases: [Lease]

    /// Opens the book at `path` (created on first write; a missing file is an empty book).
    public init(path: String) throws(LeaseBookError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            leases = []
            return
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let stored = try decoder.decode(Stored.self, from: data)
            guard (1...Self.version).contains(stored.version) else {
                throw LeaseBookError(.newerVersion(path: path, version: stored.version, supported: Self.version))
            }
            leases = stored.leases
        } catch let error as LeaseBookError {
            throw error
        } catch {
            throw LeaseBookError(.unreadable(path: path, cause: error))
        }
        chmod(path, 0o600)
    }

    /// Every lease, earliest expiry first.
    public func all() -> [Lease] { leases.sorted { $0.expiry < $1.expiry } }

    /// The lease that has not expired at `now`, if any (a miner has at most one tenant).
    public func active(at now: Date) -> Lease? { all().first { !$0.isExpired(at: now) } }

    /// Adds a lease and persists the book. On a write error nothing changes.
    public func insert(_ lease: Lease) throws(LeaseBookError) {
        var next = leases.filter { $0.id != lease.id }
        next.append(lease)
        try write(next)
        leases = next
    }

    /// Removes a lease and persists the book. Removing an unknown id is not an error.
    public func remove(id: String) throws(LeaseBookError) {
        guard leases.contains(where: { $0.id == id }) else { return }
        let next = leases.filter { $0.id != id }
        try write(next)
        leases = next
    }

    private func write(_ next: [Lease]) throws(LeaseBookError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            data = try encoder.encode(Stored(leases: next))
        } catch {
            throw LeaseBookError(.unwritable(path: path, cause: error))
        }
        do {
            try AtomicFile.write(Array(data), to: path, mode: 0o600)
        } catch {
            throw LeaseBookError(.unwritable(path: path, cause: error))
        }
    }
}
