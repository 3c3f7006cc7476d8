import Foundation

/// One allocation of this miner's machine to one requester.
public struct Lease: Sendable, Hashable, Codable, Identifiable {
    /// A random identifier, also the container's `org.compute-subnet.lease` label.
    public var id: String
    /// SHA-256 fingerprint of the owner's RSA public key (`OwnerKey.fingerprint`).
    public var ownerKeyFingerprint: String
    /// The hotkey (SS58) that asked for the allocation.
    public var callerHotkey: String
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

    public init(id: String, ownerKeyFingerprint: String, callerHotkey: String, start: Date, expiry: Date,
                containerID: String, containerName: String, sshPort: Int, requirement: DeviceRequirement) {
        self.id = id
        self.ownerKeyFingerprint = ownerKeyFingerprint
        self.callerHotkey = callerHotkey
        self.start = start
        self.expiry = expiry
        self.containerID = containerID
        self.containerName = containerName
        self.sshPort = sshPort
        self.requirement = requirement
    }

    /// Whether the lease has run out at `now`.
    public func isExpired(at now: Date) -> Bool { now >= expiry }
}
