import Foundation

/// One allocation of this miner's machine to one requester.
///
/// **A lease belongs to a hotkey**: `ownerHotkey` is the signed caller hotkey (verified by the
/// axon) that allocated it. Only that hotkey can probe, change or end the lease early, and it must
/// present the same RSA key too (`ownerKeyFingerprint`, which also seals the credentials).
///
/// Migration: lease books from before owner hotkeys (version 1) recorded the verified caller as
/// `callerHotkey`; a non-empty one becomes the owner. A lease with no recorded caller has an
/// unknown owner (`ownerHotkey == nil`): nobody can end or change it early, only expiry ends it.
public struct Lease: Sendable, Hashable, Identifiable {
    /// A random identifier, also the container's `org.compute-subnet.lease` label.
    public var id: String
    /// SHA-256 fingerprint of the owner's RSA public key (`OwnerKey.fingerprint`).
    public var ownerKeyFingerprint: String
    /// The hotkey (SS58) that allocated the lease and owns it; nil when unknown (a migrated lease).
    public var ownerHotkey: String?
    /// When the container started serving.
    public var start: Date
    /// When the container is removed.
    public var expiry: Date
    /// The Docker container id.
    public var containerID: String
    /// The Docker container name.
    public var containerName: String
    /// The host port mapped to the container's sshd.
    public var sshPort: Int
    /// What was reserved.
    public var requirement: DeviceRequirement

    public init(id: String, ownerKeyFingerprint: String, ownerHotkey: String?, start: Date, expiry: Date,
                containerID: String, containerName: String, sshPort: Int, requirement: DeviceRequirement) {
        self.id = id
        self.ownerKeyFingerprint = ownerKeyFingerprint
        self.ownerHotkey = ownerHotkey.flatMap { $0.isEmpty ? nil : $0 }
        self.start = start
        self.expiry = expiry
        self.containerID = containerID
        self.containerName = containerName
        self.sshPort = sshPort
        self.requirement = requirement
    }

    /// The hotkey that asked for the allocation (the owner; "" when unknown). Kept for callers of v1.
    public var callerHotkey: String { ownerHotkey ?? "" }

    /// Whether the lease has run out at `now`.
    public func isExpired(at now: Date) -> Bool { now >= expiry }

    /// Whether `hotkey` presenting the key `fingerprint` owns this lease (never true for an unknown owner).
    public func isOwned(by hotkey: String, keyFingerprint fingerprint: String) -> Bool {
        guard let ownerHotkey, !hotkey.isEmpty else { return false }
        return ownerHotkey == hotkey && ownerKeyFingerprint == fingerprint
    }
}

extension Lease: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, ownerKeyFingerprint, ownerHotkey, callerHotkey, start, expiry, containerID, containerName, sshPort, requirement
    }

    /// Reads version 2 (`ownerHotkey`) and version 1 (`callerHotkey` only) records.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let owner: String?
        if c.contains(.ownerHotkey) {
            owner = try c.decodeIfPresent(String.self, forKey: .ownerHotkey)
        } else {
            owner = try c.decodeIfPresent(String.self, forKey: .callerHotkey)
        }
        self.init(id: try c.decode(String.self, forKey: .id),
                  ownerKeyFingerprint: try c.decode(String.self, forKey: .ownerKeyFingerprint),
                  ownerHotkey: owner,
                  start: try c.decode(Date.self, forKey: .start), expiry: try c.decode(Date.self, forKey: .expiry),
                  containerID: try c.decode(String.self, forKey: .containerID),
                  containerName: try c.decode(String.self, forKey: .containerName),
                  sshPort: try c.decode(Int.self, forKey: .sshPort),
                  requirement: try c.decodeIfPresent(DeviceRequirement.self, forKey: .requirement) ?? DeviceRequirement())
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(ownerKeyFingerprint, forKey: .ownerKeyFingerprint)
        if let ownerHotkey { try c.encode(ownerHotkey, forKey: .ownerHotkey) } else { try c.encodeNil(forKey: .ownerHotkey) }
        try c.encode(start, forKey: .start)
        try c.encode(expiry, forKey: .expiry)
        try c.encode(containerID, forKey: .containerID)
        try c.encode(containerName, forKey: .containerName)
        try c.encode(sshPort, forKey: .sshPort)
        try c.encode(requirement, forKey: .requirement)
    }
}
