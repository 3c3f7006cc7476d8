import Foundation
import GRDB

/// A miner's machine rented out by this validator's register CLI: where to reach the container
/// and which key pair was made for it. Never holds a plaintext password or private key.
public struct StoredAllocation: Sendable, Hashable, Codable {
    /// The allocated miner (one allocation per miner).
    public var hotkey: String
    public var uid: UInt16?
    public var ip: String
    /// The container's SSH port.
    public var port: UInt16
    public var username: String
    /// Fingerprint of the RSA public key the credentials were encrypted to.
    public var publicKeyFingerprint: String
    /// The allocation's private key, encrypted by the caller; `nil` when it was discarded.
    public var encryptedPrivateKey: Data?
    /// Free-form JSON (the request's requirements, …).
    public var details: String?
    public var createdAt: Date
    public var expiresAt: Date

    public init(
        hotkey: String, uid: UInt16? = nil, ip: String, port: UInt16, username: String,
        publicKeyFingerprint: String, encryptedPrivateKey: Data? = nil, details: String? = nil,
        createdAt: Date, expiresAt: Date
    ) {
        self.hotkey = hotkey; self.uid = uid; self.ip = ip; self.port = port; self.username = username
        self.publicKeyFingerprint = publicKeyFingerprint; self.encryptedPrivateKey = encryptedPrivateKey
        self.details = details; self.createdAt = createdAt; self.expiresAt = expiresAt
    }

    /// Whether the lease is still running at `date`.
    public func isActive(at date: Date) -> Bool { expiresAt > date }
}

extension ValidatorStore {
    /// Stores a new allocation.
    /// - Throws: `StoreError.alreadyAllocated` when the miner already has one (even expired:
    ///   end it with `removeAllocation` first); `StoreError.invalidValue` for an empty hotkey,
    ///   ip or username, or an expiry not after creation.
    public func insertAllocation(_ allocation: StoredAllocation) async throws(StoreError) {
        let a = allocation
        guard !a.hotkey.isEmpty, !a.ip.isEmpty, !a.username.isEmpty else {
            throw .invalidValue("allocation needs a hotkey, an ip and a username")
        }
        guard a.expiresAt > a.createdAt else { throw .invalidValue("allocation of \(a.hotkey) expires before it starts") }
        try await write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM allocation WHERE hotkey = ?", arguments: [a.hotkey]) != nil {
                throw StoreError.alreadyAllocated(hotkey: a.hotkey)
            }
            try db.execute(sql: """
                INSERT INTO allocation (hotkey, uid, ip, port, username, public_key_fingerprint,
                                        encrypted_private_key, details, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.hotkey, a.uid.map { Int($0) }, a.ip, Int(a.port), a.username, a.publicKeyFingerprint,
                                 a.encryptedPrivateKey, a.details, Self.millis(a.createdAt), Self.millis(a.expiresAt)])
        }
    }

    /// The allocation of one miner.
    public func allocation(hotkey: String) async throws(StoreError) -> StoredAllocation? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM allocation WHERE hotkey = ?", arguments: [hotkey]).map(Self.allocation(row:))
        }
    }

    /// All stored allocations, oldest first; only those still running at `activeAt` when given.
    public func allocations(activeAt: Date? = nil) async throws(StoreError) -> [StoredAllocation] {
        let after = activeAt.map(Self.millis) ?? Int64.min
        return try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM allocation WHERE expires_at > ? ORDER BY created_at, hotkey",
                             arguments: [after]).map(Self.allocation(row:))
        }
    }

    /// Ends a miner's allocation; returns what was stored, `nil` if there was none.
    @discardableResult
    public func removeAllocation(hotkey: String) async throws(StoreError) -> StoredAllocation? {
        try await write { db in
            let row = try Row.fetchOne(db, sql: "DELETE FROM allocation WHERE hotkey = ? RETURNING *", arguments: [hotkey])
            return row.map(Self.allocation(row:))
        }
    }

    static func allocation(row: Row) -> StoredAllocation {
        StoredAllocation(
            hotkey: row["hotkey"], uid: (row["uid"] as Int?).map { UInt16(truncatingIfNeeded: $0) },
            ip: row["ip"], port: UInt16(truncatingIfNeeded: row["port"] as Int), username: row["username"],
            publicKeyFingerprint: row["public_key_fingerprint"], encryptedPrivateKey: row["encrypted_private_key"],
            details: row["details"], createdAt: date(row["created_at"]), expiresAt: date(row["expires_at"]))
    }
}
