import Foundation

/// What a miner reports about its machine, encoded in the original's specs JSON shape (§10.5):
/// `{"cpu": {"count", "frequency"}, "gpu": {"count", "capacity", "details": [{"name", "capacity"}],
/// "graphics_speed", "memory_speed"} or {}, "hard_disk": {"total", "free", "used", "write_speed",
/// "read_speed"}, "ram": {"total", "available", "used", "free", "swap_total", "swap_used", "swap_free",
/// "read_speed", "write_speed"}, "has_docker"}`. Extra keys (logical cores, model, UUIDs, driver) are
/// added beside the original ones; Python readers ignore keys they do not know.
public struct HardwareSpecs: Sendable, Hashable, Codable {
    public var cpu: CPUSpecs
    public var gpu: GPUSpecs
    public var disk: DiskSpecs
    public var memory: MemorySpecs
    /// Whether a Docker daemon answered.
    public var hasDocker: Bool

    public init(cpu: CPUSpecs, gpu: GPUSpecs, disk: DiskSpecs, memory: MemorySpecs, hasDocker: Bool) {
        self.cpu = cpu
        self.gpu = gpu
        self.disk = disk
        self.memory = memory
        self.hasDocker = hasDocker
    }

    /// The JSON text a validator receives (keys sorted, so equal specs give equal text).
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private enum Keys: String, CodingKey { case cpu, gpu, hard_disk, ram, has_docker }

    private struct CPUWire: Codable {
        var count: Int
        var frequency: Double
        var logical_count: Int?
        var model: String?
        var max_frequency: Double?
    }

    private struct GPUDetailWire: Codable {
        var name: String
        var capacity: Int
        var uuid: String?
        var driver_version: String?
        var graphics_speed: Int?
        var memory_speed: Int?
    }

    private struct GPUWire: Codable {
        var count: Int?
        var capacity: Int?
        var details: [GPUDetailWire]?
        var graphics_speed: Int?
        var memory_speed: Int?
        var driver_version: String?
    }

    private struct DiskWire: Codable {
        var total: Int64
        var free: Int64
        var used: Int64
        var write_speed: Double?
        var read_speed: Double?
    }

    private struct RAMWire: Codable {
        var total: Int64
        var available: Int64
        var used: Int64
        var free: Int64
        var swap_total: Int64
        var swap_used: Int64
        var swap_free: Int64
        var read_speed: Double?
        var write_speed: Double?
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(CPUWire(count: cpu.physicalCores, frequency: cpu.frequencyMHz, logical_count: cpu.logicalCores,
                             model: cpu.model, max_frequency: cpu.maxFrequencyMHz), forKey: .cpu)
        let first = gpu.devices.first
        // No GPU: `{}`, as the original's error path produced.
        try c.encode(gpu.devices.isEmpty ? GPUWire() : GPUWire(
            count: gpu.devices.count, capacity: gpu.totalMemoryMiB,
            details: gpu.devices.map {
                GPUDetailWire(name: $0.name, capacity: $0.memoryMiB, uuid: $0.uuid, driver_version: $0.driverVersion,
                              graphics_speed: $0.maxGraphicsClockMHz, memory_speed: $0.maxMemoryClockMHz)
            },
            graphics_speed: first?.maxGraphicsClockMHz, memory_speed: first?.maxMemoryClockMHz,
            driver_version: first?.driverVersion), forKey: .gpu)
        try c.encode(DiskWire(total: disk.total, free: disk.free, used: disk.used, write_speed: disk.writeSpeedMBps,
                              read_speed: disk.readSpeedMBps), forKey: .hard_disk)
        try c.encode(RAMWire(total: memory.total, available: memory.available, used: memory.used, free: memory.free,
                             swap_total: memory.swapTotal, swap_used: memory.swapUsed, swap_free: memory.swapFree,
                             read_speed: memory.readSpeedMBps, write_speed: memory.writeSpeedMBps), forKey: .ram)
        try c.encode(hasDocker, forKey: .has_docker)
    }

    /// Reads the shape back (a validator storing what miners report); also accepts the original's
    /// float capacities and a `gpu` of `{}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let cpuWire = try c.decode(CPUWire.self, forKey: .cpu)
        cpu = CPUSpecs(physicalCores: cpuWire.count, logicalCores: cpuWire.logical_count ?? cpuWire.count,
                       model: cpuWire.model ?? "", frequencyMHz: cpuWire.frequency, maxFrequencyMHz: cpuWire.max_frequency)
        let gpuWire = try c.decodeIfPresent(GPUWire.self, forKey: .gpu) ?? GPUWire()
        gpu = GPUSpecs(devices: (gpuWire.details ?? []).enumerated().map { index, detail in
            GPUDevice(name: detail.name, memoryMiB: detail.capacity,
                      maxGraphicsClockMHz: detail.graphics_speed ?? (index == 0 ? gpuWire.graphics_speed : nil),
                      maxMemoryClockMHz: detail.memory_speed ?? (index == 0 ? gpuWire.memory_speed : nil),
                      uuid: detail.uuid ?? "", driverVersion: detail.driver_version ?? gpuWire.driver_version ?? "")
        })
        let diskWire = try c.decode(DiskWire.self, forKey: .hard_disk)
        disk = DiskSpecs(total: diskWire.total, free: diskWire.free, used: diskWire.used,
                         writeSpeedMBps: diskWire.write_speed, readSpeedMBps: diskWire.read_speed)
        let ram = try c.decode(RAMWire.self, forKey: .ram)
        memory = MemorySpecs(total: ram.total, available: ram.available, used: ram.used, free: ram.free,
                             swapTotal: ram.swap_total, swapUsed: ram.swap_used, swapFree: ram.swap_free,
                             readSpeedMBps: ram.read_speed, writeSpeedMBps: ram.write_speed)
        hasDocker = try c.decodeIfPresent(Bool.self, forKey: .has_docker) ?? false
    }
}
