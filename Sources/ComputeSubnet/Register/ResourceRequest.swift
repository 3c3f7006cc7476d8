import Bittensor

/// What `register a` asks for, and whether a miner's stored specs meet it (original §11.1, with
/// its format trap fixed: a GPU requirement without capacity or type still matches).
public struct ResourceRequest: Sendable, Hashable {
    public var cpuCount: Int
    /// Case-insensitive substring of the GPU name ("h100"); nil: any GPU or none.
    public var gpuType: String?
    /// Total GPU memory in GiB across the GPUs; nil: no GPU memory requirement.
    public var gpuMemoryGB: Double?
    /// Number of GPUs; nil: no GPU count requirement (1 when a type or memory is given).
    public var gpuCount: Int?
    public var ramGB: Double
    public var diskGB: Double
    /// Lease length in days (1…60).
    public var days: Int

    public init(cpuCount: Int = 1, gpuType: String? = nil, gpuMemoryGB: Double? = nil, gpuCount: Int? = nil,
                ramGB: Double = 1, diskGB: Double = 1, days: Int = 30) {
        self.cpuCount = cpuCount; self.gpuType = gpuType; self.gpuMemoryGB = gpuMemoryGB; self.gpuCount = gpuCount
        self.ramGB = ramGB; self.diskGB = diskGB; self.days = days
    }

    static let gib = 1024.0 * 1024 * 1024

    /// True when a GPU is part of the request.
    public var wantsGPU: Bool { gpuType != nil || gpuMemoryGB != nil || (gpuCount ?? 0) > 0 }

    /// The `Allocate.device_requirement` dict in the original's shape.
    public var deviceRequirement: JSONObject {
        var gpu: JSONObject = [:]
        if wantsGPU {
            gpu["count"] = .int(max(1, gpuCount ?? 1))
            gpu["capacity"] = .int(Int((gpuMemoryGB ?? 0) * 1024))
            gpu["type"] = .string(gpuType ?? "")
        }
        return [
            "cpu": ["count": .int(cpuCount)],
            "gpu": .object(gpu),
            "hard_disk": ["capacity": .int(Int(diskGB * Self.gib))],
            "ram": ["capacity": .int(Int(ramGB * Self.gib))],
        ]
    }

    /// Whether `specs` (the specs JSON a miner reported) meets this request.
    public func isMet(by specs: JSON) -> Bool {
        guard case .object(let o) = specs, !o.isEmpty else { return false }
        if cpuCount > 0 {
            guard let count = specs["cpu"]?["count"]?.doubleValue, count >= Double(cpuCount) else { return false }
        }
        if wantsGPU {
            guard let gpu = specs["gpu"], let count = gpu["count"]?.doubleValue, count >= Double(max(1, gpuCount ?? 1))
            else { return false }
            if let memory = gpuMemoryGB, memory > 0 {
                guard let capacityMiB = gpu["capacity"]?.doubleValue, capacityMiB >= memory * 1024 else { return false }
            }
            if let type = gpuType?.lowercased(), !type.isEmpty {
                let names = (gpu["details"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue?.lowercased() }
                guard names.contains(where: { $0.contains(type) }) else { return false }
            }
        }
        if diskGB > 0 {
            guard let free = specs["hard_disk"]?["free"]?.doubleValue, free >= diskGB * Self.gib else { return false }
        }
        if ramGB > 0 {
            guard let available = specs["ram"]?["available"]?.doubleValue, available >= ramGB * Self.gib else { return false }
        }
        return true
    }

    /// A one-line description of the request ("1 CPU, 1 × H100 (80 GB), 16 GB RAM, 100 GB disk, 30 days").
    public var summary: String {
        var parts = ["\(cpuCount) CPU"]
        if wantsGPU {
            var gpu = "\(max(1, gpuCount ?? 1)) × \(gpuType.map { $0.isEmpty ? "GPU" : $0 } ?? "GPU")"
            if let m = gpuMemoryGB { gpu += " (\(Self.format(m)) GB)" }
            parts.append(gpu)
        }
        parts.append("\(Self.format(ramGB)) GB RAM")
        parts.append("\(Self.format(diskGB)) GB disk")
        parts.append("\(days) day\(days == 1 ? "" : "s")")
        return parts.joined(separator: ", ")
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}
