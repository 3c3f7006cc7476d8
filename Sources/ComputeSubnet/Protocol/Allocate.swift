import Bittensor

/// SN27 `Allocate` (compute/protocol.py): check, allocate or release a miner's machine.
public struct Allocate: Synapse {
    public static let name = "Allocate"
    public var base = SynapseBase()
    /// Allocation lifetime in days; 0 = deallocate (or an "is it allocated" probe when checking).
    public var timeline = 0
    /// `{"cpu": {"count"}, "gpu": {"count", "capacity", "type"} or {}, "hard_disk": {"capacity"}, "ram": {"capacity"}}`.
    public var deviceRequirement: JSONObject = [:]
    /// True = probe only; false = perform the allocation or deallocation.
    public var checking = true
    /// Miner → validator: the result.
    public var output: JSONObject = [:]
    /// The requester's RSA public key (PEM); also the allocation's ownership token.
    public var publicKey = ""
    /// Container build parameters.
    public var dockerRequirement: JSONObject = Allocate.defaultDockerRequirement
    /// True = perform `dockerAction` on the existing container.
    public var dockerChange = false
    /// `{"action": "exchange_key" | "restart" | "pause" | "unpause", "ssh_key": str}`.
    public var dockerAction: JSONObject = ["action": "", "ssh_key": ""]

    /// The SDK default of `docker_requirement`.
    public static let defaultDockerRequirement: JSONObject = [
        "base_image": "ubuntu", "ssh_key": "", "ssh_port": 4444, "volume_path": "/tmp", "dockerfile": "",
    ]

    public init() {}

    // Field order of the original class (the body key order).
    public static let fields: [SynapseField<Allocate>] = [
        .init("timeline", \.timeline),
        .init("device_requirement", \.deviceRequirement),
        .init("checking", \.checking),
        .init("output", \.output),
        .init("public_key", \.publicKey),
        .init("docker_requirement", \.dockerRequirement),
        .init("docker_change", \.dockerChange),
        .init("docker_action", \.dockerAction),
    ]

    /// What `deserialize()` returns in Python.
    public var deserialized: JSONObject { output }
}
