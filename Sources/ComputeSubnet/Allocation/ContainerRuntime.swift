/// What the allocation service needs from a container engine. `DockerEngine` is the real one.
public protocol ContainerRuntime: Sendable {
    /// Succeeds when the engine answers.
    func ping() async throws(ContainerRuntimeError)
    /// The engine's host: CPUs, memory and whether an NVIDIA runtime is installed.
    func hostInfo() async throws(ContainerRuntimeError) -> ContainerHostInfo
    /// Whether an image with this reference (`name:tag`) exists locally.
    func imageExists(_ reference: String) async throws(ContainerRuntimeError) -> Bool
    /// Imports a root filesystem tarball as an image (`docker import`), with `command` as its CMD.
    func importImage(tarballPath: String, reference: String, command: [String]) async throws(ContainerRuntimeError)
    /// Creates a container; returns its id.
    func createContainer(_ spec: ContainerSpec) async throws(ContainerRuntimeError) -> String
    /// Starts a created or stopped container.
    func startContainer(_ id: String) async throws(ContainerRuntimeError)
    /// The container's state, or `nil` when no such container exists.
    func inspectContainer(_ id: String) async throws(ContainerRuntimeError) -> ContainerStatus?
    /// Kills and removes a container with its anonymous volumes; a missing container is not an error.
    func removeContainer(_ id: String) async throws(ContainerRuntimeError)
    /// Restarts a container.
    func restartContainer(_ id: String) async throws(ContainerRuntimeError)
    /// Freezes every process of a container.
    func pauseContainer(_ id: String) async throws(ContainerRuntimeError)
    /// Thaws a paused container.
    func unpauseContainer(_ id: String) async throws(ContainerRuntimeError)
    /// Runs `command` inside a running container with extra environment (`KEY=value`); returns its exit code.
    func exec(_ id: String, command: [String], environment: [String]) async throws(ContainerRuntimeError) -> Int32
    /// Containers (running or not) that carry the label `key`.
    func containers(withLabel key: String) async throws(ContainerRuntimeError) -> [ContainerStatus]
    /// Creates the bridge network `spec` describes unless one with its name exists; returns what the engine has.
    func ensureNetwork(_ spec: NetworkSpec) async throws(ContainerRuntimeError) -> NetworkInfo
}

/// Facts about the engine's host.
public struct ContainerHostInfo: Sendable, Hashable {
    /// Logical CPUs the engine can use.
    public var cpus: Int
    /// Memory in bytes.
    public var memoryBytes: Int64
    /// Whether the `nvidia` runtime is registered (GPU device requests work only then).
    public var hasNvidiaRuntime: Bool
    /// The engine's version string.
    public var serverVersion: String
    /// The storage driver ("overlay2", "btrfs", …) and the filesystem under it ("extfs", "xfs"); "" when unknown.
    public var storageDriver: String
    public var backingFilesystem: String

    public init(cpus: Int, memoryBytes: Int64, hasNvidiaRuntime: Bool, serverVersion: String,
                storageDriver: String = "", backingFilesystem: String = "") {
        self.cpus = cpus
        self.memoryBytes = memoryBytes
        self.hasNvidiaRuntime = hasNvidiaRuntime
        self.serverVersion = serverVersion
        self.storageDriver = storageDriver
        self.backingFilesystem = backingFilesystem
    }
}

/// How to run one container.
public struct ContainerSpec: Sendable, Hashable {
    public var name: String
    public var image: String
    public var command: [String]
    public var hostname: String
    public var labels: [String: String]
    /// The port inside the container to publish (sshd: 22).
    public var containerPort: Int
    /// The host port it is published on.
    public var hostPort: Int
    /// The host address to bind ("" = all interfaces).
    public var hostIP: String
    /// CPU quota in CPUs (`--cpus`); `nil`: no limit.
    public var cpus: Double?
    /// Memory limit in bytes (`--memory`, swap included); `nil`: no limit.
    public var memoryBytes: Int64?
    /// Process limit (`--pids-limit`); `nil`: no limit.
    public var pidsLimit: Int?
    /// GPUs to pass through via the NVIDIA runtime (`--gpus N`); 0: none.
    public var gpuCount: Int
    /// Capabilities the container keeps: `nil` keeps the engine's default set; otherwise every
    /// capability is dropped (`CapDrop: ALL`) and only these (e.g. "CHOWN") are added back.
    public var capabilities: [String]?
    /// `no-new-privileges`: no process gains privileges through setuid/setgid bits or file capabilities.
    public var noNewPrivileges: Bool
    /// The network to attach to (`--network`); `nil`: the engine's default bridge.
    public var network: String?
    /// Size limit of the container's writable layer (`--storage-opt size=`); `nil`: none. Only some
    /// storage drivers support it (overlay2 on xfs with `pquota`, btrfs, zfs); others refuse the create.
    public var diskBytes: Int64?
    /// Namespaced kernel settings (`--sysctl`), e.g. `net.ipv6.conf.all.disable_ipv6=1`.
    public var sysctls: [String: String]

    public init(name: String, image: String, command: [String], hostname: String = "", labels: [String: String] = [:],
                containerPort: Int = 22, hostPort: Int, hostIP: String = "", cpus: Double? = nil,
                memoryBytes: Int64? = nil, pidsLimit: Int? = nil, gpuCount: Int = 0, capabilities: [String]? = nil,
                noNewPrivileges: Bool = false, network: String? = nil, diskBytes: Int64? = nil,
                sysctls: [String: String] = [:]) {
        self.name = name
        self.image = image
        self.command = command
        self.hostname = hostname
        self.labels = labels
        self.containerPort = containerPort
        self.hostPort = hostPort
        self.hostIP = hostIP
        self.cpus = cpus
        self.memoryBytes = memoryBytes
        self.pidsLimit = pidsLimit
        self.gpuCount = gpuCount
        self.capabilities = capabilities
        self.noNewPrivileges = noNewPrivileges
        self.network = network
        self.diskBytes = diskBytes
        self.sysctls = sysctls
    }
}

/// A user-defined bridge network to create (`docker network create -d bridge`).
public struct NetworkSpec: Sendable, Hashable {
    /// The network's name, also used as the host's bridge interface name (≤ 15 characters).
    public var name: String
    /// Whether containers on the network may talk to each other (`enable_icc`).
    public var interContainer: Bool
    public var labels: [String: String]

    public init(name: String, interContainer: Bool, labels: [String: String] = [:]) {
        self.name = name
        self.interContainer = interContainer
        self.labels = labels
    }
}

/// A network as the engine reports it.
public struct NetworkInfo: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The host-side bridge interface (`com.docker.network.bridge.name`), e.g. "sn27-tenants".
    public var bridge: String
    /// IPv4 subnets in CIDR notation.
    public var subnets: [String]
    /// The bridge's own addresses (the containers' gateway, an address of the host).
    public var gateways: [String]
    /// Whether inter-container traffic is allowed (`enable_icc`; the engine's default is true).
    public var interContainer: Bool

    public init(id: String, name: String, bridge: String, subnets: [String], gateways: [String], interContainer: Bool) {
        self.id = id
        self.name = name
        self.bridge = bridge
        self.subnets = subnets
        self.gateways = gateways
        self.interContainer = interContainer
    }
}

/// A container as the engine reports it.
public struct ContainerStatus: Sendable, Hashable {
    public var id: String
    public var name: String
    /// "created", "running", "paused", "restarting", "exited", "dead".
    public var state: String
    public var labels: [String: String]

    public init(id: String, name: String, state: String, labels: [String: String]) {
        self.id = id
        self.name = name
        self.state = state
        self.labels = labels
    }

    public var isRunning: Bool { state == "running" }
}

/// Why the container engine could not do what was asked.
public struct ContainerRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Nothing answers on the engine's socket (daemon stopped, wrong path, no permission).
        case daemonUnreachable(socket: String, detail: String)
        /// The engine answered with an error status.
        case api(status: Int, message: String)
        /// The named object does not exist.
        case notFound(String)
        /// The name or port is taken.
        case conflict(String)
        /// The engine's answer could not be understood.
        case invalidResponse(String)
        /// A file the request needs cannot be read.
        case unreadableFile(String)
        /// The engine did not finish in time.
        case timedOut(String)
    }

    public let reason: Reason
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case let .daemonUnreachable(socket, detail): "the Docker daemon does not answer on \(socket): \(detail)"
        case let .api(status, message): "Docker API error \(status): \(message)"
        case let .notFound(what): "Docker: no such \(what)"
        case let .conflict(message): "Docker conflict: \(message)"
        case let .invalidResponse(detail): "unexpected Docker API answer: \(detail)"
        case let .unreadableFile(path): "cannot read \(path)"
        case let .timedOut(what): "Docker did not finish in time: \(what)"
        }
    }
}
