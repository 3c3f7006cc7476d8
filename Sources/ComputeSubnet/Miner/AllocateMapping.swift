import Bittensor
import Foundation

extension AllocationRequest {
    /// The allocation request carried by an `Allocate` synapse. Dict fields are read leniently,
    /// as pydantic does: a missing or malformed part takes its default.
    public init(_ synapse: Allocate) {
        let device = (try? JSONDecoder().decode(
            DeviceRequirement.self, from: Data(JSON.object(synapse.deviceRequirement).jsonText().utf8))) ?? DeviceRequirement()
        let docker = synapse.dockerRequirement
        let action = synapse.dockerAction
        self.init(
            timeline: synapse.timeline,
            deviceRequirement: device,
            checking: synapse.checking,
            publicKey: synapse.publicKey,
            dockerRequirement: DockerRequirement(
                baseImage: docker["base_image"]?.stringValue ?? "ubuntu",
                sshKey: docker["ssh_key"]?.stringValue ?? "",
                sshPort: docker["ssh_port"]?.intValue ?? 4444,
                volumePath: docker["volume_path"]?.stringValue ?? "/tmp",
                dockerfile: docker["dockerfile"]?.stringValue ?? ""),
            dockerChange: synapse.dockerChange,
            dockerAction: DockerAction(action: action["action"]?.stringValue ?? "", sshKey: action["ssh_key"]?.stringValue ?? ""))
    }
}

extension AllocationResponse {
    /// The `Allocate.output` dict: `{"status": bool, "info"?: base64, "port": int}` (plus a
    /// human-readable `"reason"` on refusal, which Python validators ignore).
    public var output: JSONObject {
        var out: JSONObject = ["status": .bool(status)]
        if let info { out["info"] = .string(info) }
        out["port"] = .int(port)
        if let reason { out["reason"] = .string(reason) }
        return out
    }
}
