import Foundation

/// How a miner allocates its machine.
public struct AllocationConfiguration: Sendable {
    /// The host port tenants SSH to (`--ssh.port`), mapped to the container's port 22.
    public var sshPort: Int
    /// The host address the SSH port is published on; "" publishes on every interface.
    public var hostIP: String
    /// The address used to check that sshd answers (the host itself).
    public var probeHost: String
    /// The allocation container's name; one miner has one tenant.
    public var containerName: String
    /// The image tenants get (`--miner.image`), built when missing.
    public var image: SSHImage
    /// Process limit inside the container (a fork bomb must not take the host down).
    public var pidsLimit: Int
    /// Longest lease in days (the README's 60-day cap, which the original never enforced).
    public var maximumDays: Int
    /// Seconds per `timeline` day: 86 400; tests shorten it to watch leases expire.
    public var secondsPerDay: TimeInterval
    /// How long sshd may take to answer after the container starts.
    public var sshReadyTimeout: Duration
    /// Longest sleep of the expiry loop (it also wakes at the next expiry).
    public var expiryPollInterval: Duration
    /// How tenants are confined: capabilities, default limits, disk, network isolation.
    public var tenant: TenantPolicy

    public init(sshPort: Int = 4444, hostIP: String = "", probeHost: String = "127.0.0.1",
                containerName: String = "sn27-ssh-container", image: SSHImage, pidsLimit: Int = 4096,
                maximumDays: Int = 60, secondsPerDay: TimeInterval = 86_400, sshReadyTimeout: Duration = .seconds(60),
                expiryPollInterval: Duration = .seconds(30), tenant: TenantPolicy = TenantPolicy()) {
        self.sshPort = sshPort
        self.hostIP = hostIP
        self.probeHost = probeHost
        self.containerName = containerName
        self.image = image
        self.pidsLimit = pidsLimit
        self.maximumDays = maximumDays
        self.secondsPerDay = secondsPerDay
        self.sshReadyTimeout = sshReadyTimeout
        self.expiryPollInterval = expiryPollInterval
        self.tenant = tenant
    }
}
