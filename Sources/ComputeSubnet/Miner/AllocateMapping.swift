import Bittensor
import Foundation

extension AllocationRequest {
    /// Largest `timeline` accepted from the wire, in days (leases are then capped at
    /// `AllocationConfiguration.maximumDays`, 60 by default).
    public static let maximumTimelineDays = 3_650
    /// Bounds on `device_requirement` (well above any real machine; anything larger is refused).
    public static let maximumCPUCount = 1_024
    public static let maximumGPUCount = 64
    /// 1 TiB of GPU memory per device, in MiB.
    public static let maximumGPUCapacityMiB = 1 << 20
    /// 64 TiB of RAM, in bytes.
    public static let maximumRAMBytes: Int64 = 1 << 46
    /// 1 PiB of disk, in bytes.
    public static let maximumDiskBytes: Int64 = 1 << 50
    /// Longest `gpu.type` text.
    public static let maximumGPUTypeLength = 128
    /// Longest `public_key` PEM (an RSA-16384 key is under 3 KiB).
    public static let maximumPublicKeyLength = 16_384
    /// Longest `ssh_key` line.
    public static let maximumSSHKeyLength = 8_192
    /// The `docker_action.action` values (empty: none).
    public static let dockerActions: Set<String> = ["", "restart", "pause", "unpause", "resume", "exchange_key"]

    /// The allocation request carried by an `Allocate` synapse, every field checked: the one place
    /// an Allocate from the wire is read. A missing part takes its default; a part that is present
    /// but has the wrong type or is out of bounds is refused (nothing downstream sees it).
    ///
    /// `docker_requirement.base_image`, `dockerfile`, `volume_path` and `ssh_port` are ignored (the
    /// image and port are the miner's own), so they are not checked beyond being JSON; `output`
    /// is the miner's answer and is ignored on input.
    /// - Throws: `InputRefusal` naming the field.
    public init(validating synapse: Allocate) throws(InputRefusal) {
        func refuse(_ field: String, _ rule: String) -> InputRefusal {
            InputRefusal(synapse: Allocate.name, field: field, rule: rule)
        }
        guard (0...Self.maximumTimelineDays).contains(synapse.timeline) else {
            throw refuse("timeline", "must be 0...\(Self.maximumTimelineDays) days")
        }
        let device = try Self.deviceRequirement(synapse.deviceRequirement, refuse: refuse)
        guard synapse.publicKey.utf8.count <= Self.maximumPublicKeyLength else {
            throw refuse("public_key", "must be at most \(Self.maximumPublicKeyLength) bytes")
        }
        func string(_ object: JSONObject, _ key: String, field: String, limit: Int) throws(InputRefusal) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let text = value.stringValue, text.utf8.count <= limit else {
                throw refuse(field, "must be a string of at most \(limit) bytes")
            }
            return text
        }
        let docker = synapse.dockerRequirement
        let sshKey = try string(docker, "ssh_key", field: "docker_requirement.ssh_key", limit: Self.maximumSSHKeyLength) ?? ""
        let action = try string(synapse.dockerAction, "action", field: "docker_action.action", limit: 32) ?? ""
        guard Self.dockerActions.contains(action) else {
            throw refuse("docker_action.action", "must be one of restart, pause, unpause, resume, exchange_key")
        }
        let actionKey = try string(synapse.dockerAction, "ssh_key", field: "docker_action.ssh_key", limit: Self.maximumSSHKeyLength) ?? ""
        self.init(
            timeline: synapse.timeline,
            deviceRequirement: device,
            checking: synapse.checking,
            publicKey: synapse.publicKey,
            dockerRequirement: DockerRequirement(sshKey: sshKey),
            dockerChange: synapse.dockerChange,
            dockerAction: DockerAction(action: action, sshKey: actionKey))
    }

    /// `device_requirement`, decoded strictly (`DeviceRequirement`'s decoder refuses non-finite,
    /// negative and non-numeric sizes) and then bounded.
    static func deviceRequirement(_ object: JSONObject, refuse: (String, String) -> InputRefusal) throws(InputRefusal) -> DeviceRequirement {
        let field = "device_requirement"
        let device: DeviceRequirement
        do {
            device = try JSONDecoder().decode(DeviceRequirement.self, from: Data(JSON.object(object).jsonText().utf8))
        } catch {
            throw refuse(field, "must be {cpu: {count}, gpu: {count, capacity, type}, hard_disk: {capacity}, ram: {capacity}} with non-negative finite numbers")
        }
        if let n = device.cpuCount, n > Self.maximumCPUCount { throw refuse("\(field).cpu.count", "must be 0...\(Self.maximumCPUCount)") }
        if let n = device.gpuCount, n > Self.maximumGPUCount { throw refuse("\(field).gpu.count", "must be 0...\(Self.maximumGPUCount)") }
        if let n = device.gpuCapacityMiB, n > Self.maximumGPUCapacityMiB {
            throw refuse("\(field).gpu.capacity", "must be 0...\(Self.maximumGPUCapacityMiB) MiB")
        }
        if let t = device.gpuType, t.utf8.count > Self.maximumGPUTypeLength {
            throw refuse("\(field).gpu.type", "must be at most \(Self.maximumGPUTypeLength) bytes")
        }
        if let n = device.ramBytes, n > Self.maximumRAMBytes { throw refuse("\(field).ram.capacity", "must be 0...\(Self.maximumRAMBytes) bytes") }
        if let n = device.diskBytes, n > Self.maximumDiskBytes {
            throw refuse("\(field).hard_disk.capacity", "must be 0...\(Self.maximumDiskBytes) bytes")
        }
        return device
    }
}

extension AllocationResponse {
    /// The `Allocate.output` dict: `{"status": bool, "info"?: base64, "port": int}` (plus a fixed
    /// `"reason"` code on refusal, which Python validators ignore).
    public var output: JSONObject {
        var out: JSONObject = ["status": .bool(status)]
        if let info { out["info"] = .string(info) }
        out["port"] = .int(port)
        if let reason { out["reason"] = .string(reason) }
        return out
    }
}
