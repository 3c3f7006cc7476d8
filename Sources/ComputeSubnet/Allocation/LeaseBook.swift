import Foundation

/// Why the lease store could not be read or written.
public struct LeaseBookError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable {
        case unreadable(path: String, detail: String)
        case unwritable(path: String, detail: String)
    }

    public let reason: Reason
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .unreadable(path, detail): "lease store \(path) cannot be read: \(detail)"
        case let .unwritable(path, detail): "lease store \(path) cannot be written: \(detail)"
        }
    }
}

/// The miner's leases, persisted as one JSON file so a restarted miner keeps serving and expiring them.
///
/// Every change is written to a temporary file and renamed over the old one (atomic on POSIX), with
/// mode 0600: a crash leaves either the old or the new book, never half of one.
public actor LeaseBook {
    private struct Stored: Codable {
        var version = 1
        var leases: [Lease]
    }

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
            leases = try decoder.decode(Stored.self, from: data).leases
        } catch {
            throw LeaseBookError(.unreadable(path: path, detail: "\(error)"))
        }
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
        let url = URL(fileURLWithPath: path)
        do {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(Stored(leases: next))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw LeaseBookError(.unwritable(path: path, detail: "cannot create \(temporary.path)"))
            }
            guard rename(temporary.path, url.path) == 0 else {
                let detail = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw LeaseBookError(.unwritable(path: path, detail: detail))
            }
        } catch let error as LeaseBookError {
            throw error
        } catch {
            throw LeaseBookError(.unwritable(path: path, detail: "\(error)"))
        }
    }
}
