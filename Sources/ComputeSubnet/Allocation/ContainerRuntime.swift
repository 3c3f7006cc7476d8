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

    public init(cpus: Int, memoryBytes: Int64, hasNvidiaRuntime: Bool, serverVersion: String) {
        self.cpus = cpus
        self.memoryBytes = memoryBytes
        self.hasNvidiaRuntime = hasNvidiaRuntime
        self.serverVersion = serverVersion
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

    public init(name: String, image: String, command: [String], hostname: String = "", labels: [String: String] = [:],
                containerPort: Int = 22, hostPort: Int, hostIP: String = "", cpus: Double? = nil,
                memoryBytes: Int64? = nil, pidsLimit: Int? = nil, gpuCount: Int = 0) {
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
