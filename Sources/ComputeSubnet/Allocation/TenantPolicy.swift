import Foundation

/// How a tenant's container is confined: what it may do, what it gets when a request is silent,
/// and which network it lives on.
///
/// Defaults (each request value is checked against the host first, `AllocationService.check`):
///
/// | limit | request omits it | request gives it |
/// |---|---|---|
/// | CPU (CFS quota) | 1 CPU, at most the host's CPUs | the count asked for |
/// | memory (swap included) | 2 GiB, at most half the host's memory | the bytes asked for |
/// | processes | `AllocationConfiguration.pidsLimit` (4096) | same |
/// | writable layer | 20 GiB | the bytes asked for, at least 1 GiB |
///
/// The disk limit is Docker's `--storage-opt size`, which only overlay2 on xfs mounted with
/// `pquota`, btrfs and zfs honour; on other storage (overlay2 on ext4, this project's CI) the
/// container is created without it and a warning is logged for every allocation, unless
/// `requireDiskQuota` refuses such allocations instead.
public struct TenantPolicy: Sendable, Hashable {
    /// The smallest capability set with which sshd starts, and a renter logs in with a key, a
    /// PTY and a shell (found by removing one capability at a time against the real image):
    /// SETUID/SETGID (privilege separation, the session's user), SYS_CHROOT (the pre-auth chroot
    /// to /run/sshd), NET_BIND_SERVICE (port 22), AUDIT_WRITE (sshd's login audit record; a PTY
    /// login is cut off without it). Everything else Docker grants by default is dropped:
    /// NET_RAW (raw sockets, ARP/ICMP spoofing), MKNOD, SETFCAP, SETPCAP, FSETID, CHOWN,
    /// DAC_OVERRIDE, FOWNER, KILL. Root inside still owns every file it creates; without CHOWN a
    /// `dpkg` unpack that hands files to a system user fails: add "CHOWN", "DAC_OVERRIDE" and
    /// "FOWNER" here if renters need such packages.
    public static let sshCapabilities = ["AUDIT_WRITE", "NET_BIND_SERVICE", "SETGID", "SETUID", "SYS_CHROOT"]
    /// The tenant network shared by every miner on the host (the name is also the bridge interface: ≤ 15 characters).
    public static let defaultNetwork = "sn27-tenants"

    /// Capabilities the container keeps; all others are dropped.
    public var capabilities: [String]
    /// CPUs when the request names none.
    public var defaultCPUs: Double
    /// Memory in bytes when the request names none (then also at most half the host's memory).
    public var defaultMemoryBytes: Int64
    /// Writable-layer size in bytes when the request names none.
    public var defaultDiskBytes: Int64
    /// Refuse allocations where the disk limit cannot be enforced (instead of warning).
    public var requireDiskQuota: Bool
    /// Put tenants on `network` behind the iptables rules of `TenantFirewall`. Off only for hosts
    /// where the miner may not change the firewall: tenants then reach the host's services.
    public var isolation: Bool
    /// The user-defined bridge network (inter-container traffic off) tenants join.
    public var network: String
    /// Destinations tenants may not reach through the host.
    public var blockedDestinations: [String]

    public init(capabilities: [String] = TenantPolicy.sshCapabilities, defaultCPUs: Double = 1,
                defaultMemoryBytes: Int64 = 2 << 30, defaultDiskBytes: Int64 = 20 << 30, requireDiskQuota: Bool = false,
                isolation: Bool = true, network: String = TenantPolicy.defaultNetwork,
                blockedDestinations: [String] = ["169.254.0.0/16"]) {
        self.capabilities = capabilities
        self.defaultCPUs = defaultCPUs
        self.defaultMemoryBytes = defaultMemoryBytes
        self.defaultDiskBytes = defaultDiskBytes
        self.requireDiskQuota = requireDiskQuota
        self.isolation = isolation
        self.network = network
        self.blockedDestinations = blockedDestinations
    }

    /// The limits a container gets for `requirement` on `host`: never unlimited.
    public func limits(for requirement: DeviceRequirement, on host: ContainerHostInfo) -> TenantLimits {
        let hostCPUs = Double(max(1, host.cpus))
        let cpus = requirement.cpuCount.flatMap { $0 > 0 ? Double($0) : nil } ?? defaultCPUs
        let memory = requirement.ramBytes.flatMap { $0 > 0 ? $0 : nil }
            ?? min(defaultMemoryBytes, max(64 << 20, host.memoryBytes / 2))
        let disk = requirement.diskBytes.flatMap { $0 > 0 ? max($0, 1 << 30) : nil } ?? defaultDiskBytes
        return TenantLimits(cpus: min(cpus, hostCPUs), memoryBytes: min(memory, max(64 << 20, host.memoryBytes)),
                            diskBytes: disk)
    }

    /// Whether the engine's storage honours `--storage-opt size` (overlay2 needs xfs with `pquota`,
    /// which the engine does not report: a create that fails for it is retried without the limit).
    public static func mayLimitDisk(_ host: ContainerHostInfo) -> Bool {
        switch host.storageDriver {
        case "overlay2": host.backingFilesystem == "xfs"
        case "btrfs", "zfs", "devicemapper", "windowsfilter": true
        default: false
        }
    }

    /// `spec` confined: capabilities, no-new-privileges, limits, network, IPv6 off inside (the
    /// firewall rules are IPv4; a tenant must not reach the host over the bridge's link-local IPv6).
    func confine(_ spec: ContainerSpec, limits: TenantLimits, pidsLimit: Int, diskQuota: Bool) -> ContainerSpec {
        var spec = spec
        spec.capabilities = capabilities
        spec.noNewPrivileges = true
        spec.cpus = limits.cpus
        spec.memoryBytes = limits.memoryBytes
        spec.pidsLimit = pidsLimit
        spec.diskBytes = diskQuota ? limits.diskBytes : nil
        if isolation { spec.network = network }
        spec.sysctls["net.ipv6.conf.all.disable_ipv6"] = "1"
        spec.sysctls["net.ipv6.conf.default.disable_ipv6"] = "1"
        return spec
    }
}

/// The limits one tenant container runs with.
public struct TenantLimits: Sendable, Hashable {
    /// CFS quota in CPUs.
    public var cpus: Double
    /// Memory and memory+swap limit in bytes.
    public var memoryBytes: Int64
    /// Writable-layer size in bytes (enforced only where the storage driver can).
    public var diskBytes: Int64
}
