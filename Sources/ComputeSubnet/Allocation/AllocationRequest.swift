/// One `Allocate` call in domain terms: the synapse's request fields, typed.
///
/// The miner maps the wire synapse to this value; `AllocationService.handle` decides what it means
/// (original §10.6): `checking` probes, `timeline > 0` allocates, `timeline == 0` deallocates,
/// `dockerChange` performs `dockerAction` on the caller's own lease.
public struct AllocationRequest: Sendable, Hashable {
    /// Lease length in days; 0 deallocates (or asks "is it mine" when `checking`).
    public var timeline: Int
    /// The resources to reserve.
    public var deviceRequirement: DeviceRequirement
    /// `true`: only probe, change nothing (the wire default).
    public var checking: Bool
    /// The requester's RSA public key (PEM). It encrypts the credentials and proves ownership later.
    public var publicKey: String
    /// Container parameters; only `sshKey` is honoured (the image is the miner's, never the caller's).
    public var dockerRequirement: DockerRequirement
    /// `true`: perform `dockerAction` on the existing lease.
    public var dockerChange: Bool
    /// The action for `dockerChange`.
    public var dockerAction: DockerAction

    public init(timeline: Int = 0, deviceRequirement: DeviceRequirement = DeviceRequirement(), checking: Bool = true,
                publicKey: String = "", dockerRequirement: DockerRequirement = DockerRequirement(),
                dockerChange: Bool = false, dockerAction: DockerAction = DockerAction()) {
        self.timeline = timeline
        self.deviceRequirement = deviceRequirement
        self.checking = checking
        self.publicKey = publicKey
        self.dockerRequirement = dockerRequirement
        self.dockerChange = dockerChange
        self.dockerAction = dockerAction
    }
}

/// `Allocate.docker_requirement`: `{"base_image", "ssh_key", "ssh_port", "volume_path", "dockerfile"}`.
///
/// `baseImage` and `dockerfile` are accepted and ignored: a caller must not choose what runs on the
/// miner's machine (original §19.1). `sshPort` is always the miner's own `--ssh.port`.
public struct DockerRequirement: Sendable, Hashable {
    public var baseImage: String
    /// An OpenSSH public key line to put in `/root/.ssh/authorized_keys`; empty for none.
    public var sshKey: String
    public var sshPort: Int
    public var volumePath: String
    public var dockerfile: String

    public init(baseImage: String = "ubuntu", sshKey: String = "", sshPort: Int = 4444,
                volumePath: String = "/tmp", dockerfile: String = "") {
        self.baseImage = baseImage
        self.sshKey = sshKey
        self.sshPort = sshPort
        self.volumePath = volumePath
        self.dockerfile = dockerfile
    }
}

/// `Allocate.docker_action`: `{"action": "restart" | "pause" | "unpause" | "resume" | "exchange_key", "ssh_key"}`.
public struct DockerAction: Sendable, Hashable {
    public var action: String
    public var sshKey: String

    public init(action: String = "", sshKey: String = "") {
        self.action = action
        self.sshKey = sshKey
    }
}

extension DockerRequirement: Codable {
    private enum CodingKeys: String, CodingKey {
        case baseImage = "base_image", sshKey = "ssh_key", sshPort = "ssh_port", volumePath = "volume_path", dockerfile
    }

    /// Reads the wire dict; missing keys take the synapse defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = DockerRequirement()
        baseImage = try c.decodeIfPresent(String.self, forKey: .baseImage) ?? defaults.baseImage
        sshKey = try c.decodeIfPresent(String.self, forKey: .sshKey) ?? defaults.sshKey
        sshPort = try c.decodeIfPresent(Int.self, forKey: .sshPort) ?? defaults.sshPort
        volumePath = try c.decodeIfPresent(String.self, forKey: .volumePath) ?? defaults.volumePath
        dockerfile = try c.decodeIfPresent(String.self, forKey: .dockerfile) ?? defaults.dockerfile
    }
}

extension DockerAction: Codable {
    private enum CodingKeys: String, CodingKey { case action, sshKey = "ssh_key" }

    /// Reads the wire dict; missing keys are empty (v1.6's extra `key_type` is ignored).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        action = try c.decodeIfPresent(String.self, forKey: .action) ?? ""
        sshKey = try c.decodeIfPresent(String.self, forKey: .sshKey) ?? ""
    }
}
