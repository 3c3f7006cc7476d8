import Foundation

/// The resources a validator asks for in `Allocate.device_requirement`.
///
/// Wire shape (original §3.2): `{"cpu": {"count": n}, "gpu": {"count": n, "capacity": MiB, "type": str} or {},
/// "hard_disk": {"capacity": bytes}, "ram": {"capacity": bytes}}`. Every part is optional; Python
/// peers may send numbers as floats, so they are decoded leniently.
public struct DeviceRequirement: Sendable, Hashable, Codable {
    /// Number of CPUs (applied as a CFS quota of `count` CPUs).
    public var cpuCount: Int?
    /// Number of GPUs (0 or absent: none).
    public var gpuCount: Int?
    /// GPU memory per device in MiB (informational: a container cannot be limited by it).
    public var gpuCapacityMiB: Int?
    /// GPU model substring, e.g. "H100" (informational).
    public var gpuType: String?
    /// Disk in bytes (informational: overlay2 on this storage cannot enforce it).
    public var diskBytes: Int64?
    /// Memory limit in bytes.
    public var ramBytes: Int64?

    public init(cpuCount: Int? = nil, gpuCount: Int? = nil, gpuCapacityMiB: Int? = nil, gpuType: String? = nil,
                diskBytes: Int64? = nil, ramBytes: Int64? = nil) {
        self.cpuCount = cpuCount
        self.gpuCount = gpuCount
        self.gpuCapacityMiB = gpuCapacityMiB
        self.gpuType = gpuType
        self.diskBytes = diskBytes
        self.ramBytes = ramBytes
    }

    private enum Keys: String, CodingKey { case cpu, gpu, hard_disk, ram }
    private enum PartKeys: String, CodingKey { case count, capacity, type }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        func part(_ key: Keys) throws -> KeyedDecodingContainer<PartKeys>? {
            guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
            return try c.nestedContainer(keyedBy: PartKeys.self, forKey: key)
        }
        func number(_ p: KeyedDecodingContainer<PartKeys>?, _ key: PartKeys) throws -> Double? {
            guard let p, p.contains(key), try !p.decodeNil(forKey: key) else { return nil }
            let value = try p.decode(Double.self, forKey: key)
            guard value.isFinite, value >= 0, value < 9.2e18 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: p, debugDescription: "not a size: \(value)")
            }
            return value
        }
        let cpu = try part(.cpu), gpu = try part(.gpu), disk = try part(.hard_disk), ram = try part(.ram)
        cpuCount = try number(cpu, .count).map { Int($0) }
        gpuCount = try number(gpu, .count).map { Int($0) }
        gpuCapacityMiB = try number(gpu, .capacity).map { Int($0) }
        gpuType = try gpu.flatMap { try $0.decodeIfPresent(String.self, forKey: .type) }
        diskBytes = try number(disk, .capacity).map { Int64($0) }
        ramBytes = try number(ram, .capacity).map { Int64($0) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        var cpu = c.nestedContainer(keyedBy: PartKeys.self, forKey: .cpu)
        try cpu.encodeIfPresent(cpuCount, forKey: .count)
        var gpu = c.nestedContainer(keyedBy: PartKeys.self, forKey: .gpu)
        try gpu.encodeIfPresent(gpuCount, forKey: .count)
        try gpu.encodeIfPresent(gpuCapacityMiB, forKey: .capacity)
        try gpu.encodeIfPresent(gpuType, forKey: .type)
        var disk = c.nestedContainer(keyedBy: PartKeys.self, forKey: .hard_disk)
        try disk.encodeIfPresent(diskBytes, forKey: .capacity)
        var ram = c.nestedContainer(keyedBy: PartKeys.self, forKey: .ram)
        try ram.encodeIfPresent(ramBytes, forKey: .capacity)
    }
}
