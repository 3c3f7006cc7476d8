import Bittensor
import Foundation

/// Everything a miner needs, parsed once by the CLI (nothing below the CLI reads flags).
public struct MinerConfiguration: Sendable {
    public var netuid: UInt16 = 27
    /// Where the axon listens and what is published on chain.
    public var axon = AxonConfiguration(host: "0.0.0.0", port: 8091)
    /// The host port mapped to the container's sshd (`--ssh.port`).
    public var sshPort = 4444
    /// Who may call, and request priority.
    public var callers = CallerPolicy()
    /// The proof-of-work backend and its options.
    public var pow = PowOptions()
    /// The SSH image reference (`--miner.image`).
    public var image = SSHImage.defaultReference
    /// State: leases, image cache.
    public var dataPath: String = NSString(string: "~/.bittensor/miners/compute-subnet").expandingTildeInPath
    /// The tenant container's name (one miner per name on a Docker host).
    public var containerName = "sn27-ssh-container"
    /// Where the SSH image's debootstrap rootfs is cached (default: `dataPath/image`).
    public var imageCacheDirectory: String?
    /// Docker Engine socket.
    public var dockerSocket = "/var/run/docker.sock"
    /// How tenants are confined (capabilities, default limits, disk quota, network isolation).
    public var tenant = TenantPolicy()
    /// Re-check registration and re-serve the axon every this many blocks.
    public var resyncBlocks: UInt64 = 25
    /// Poll the chain for a new block this often.
    public var blockPoll: Duration = .seconds(2)
    /// Challenges waiting for the solver beyond this many are answered "busy" at once.
    public var maxQueuedChallenges = 16

    public init() {}

    /// Proof-of-work solver settings (`--miner.pow.backend`, `--miner.hashcat.*`).
    public struct PowOptions: Sendable {
        public var backend: SolverBackend = .auto
        public var hashcatPath = "hashcat"
        public var workloadProfile = 3
        /// Extra hashcat options, split into argv tokens.
        public var hashcatOptions: [String] = []
        /// Native solver threads (0: all cores).
        public var threads = 0
        public init() {}
    }
}
