/// One NVIDIA GPU as `nvidia-smi` reports it.
public struct GPUDevice: Sendable, Hashable {
    public var name: String
    /// Total memory in MiB.
    public var memoryMiB: Int
    /// Highest graphics clock in MHz (`clocks.max.graphics`).
    public var maxGraphicsClockMHz: Int?
    /// Highest memory clock in MHz (`clocks.max.memory`).
    public var maxMemoryClockMHz: Int?
    public var uuid: String
    public var driverVersion: String

    public init(name: String, memoryMiB: Int, maxGraphicsClockMHz: Int?, maxMemoryClockMHz: Int?, uuid: String, driverVersion: String) {
        self.name = name
        self.memoryMiB = memoryMiB
        self.maxGraphicsClockMHz = maxGraphicsClockMHz
        self.maxMemoryClockMHz = maxMemoryClockMHz
        self.uuid = uuid
        self.driverVersion = driverVersion
    }
}

/// Why `nvidia-smi` output could not be read.
public struct GPUSpecsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line that is not `name, memory, clock, clock, uuid, driver`.
    public let line: Int
    public let text: String
    public var description: String { "nvidia-smi line \(line) is not name, memory.total, clocks, uuid, driver: \(text)" }
}

/// The machine's GPUs: empty when there are none (the original's `{}`).
public struct GPUSpecs: Sendable, Hashable {
    /// The query the miner runs; `parse` reads its output.
    public static let query = ["--query-gpu=name,memory.total,clocks.max.graphics,clocks.max.memory,uuid,driver_version",
                               "--format=csv,noheader,nounits"]

    public var devices: [GPUDevice]

    public init(devices: [GPUDevice] = []) { self.devices = devices }

    /// Total memory over all GPUs in MiB, the original's `gpu.capacity`.
    public var totalMemoryMiB: Int { devices.reduce(0) { $0 + $1.memoryMiB } }

    /// Parses `nvidia-smi --query-gpu=… --format=csv,noheader,nounits`: one line per GPU,
    /// fields separated by ", ", unavailable values as `[N/A]` or `[Not Supported]`.
    public static func parse(nvidiaSMI output: String) throws(GPUSpecsError) -> GPUSpecs {
        var devices: [GPUDevice] = []
        for (index, raw) in output.split(separator: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            // The name comes first and could in principle hold ", "; the last five fields never do.
            var fields = line.components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 6 else { throw GPUSpecsError(line: index + 1, text: line) }
            let tail = Array(fields.suffix(5))
            fields = [fields.dropLast(5).joined(separator: ", ")] + tail
            func number(_ text: String) -> Int? { Double(text).map { Int($0.rounded()) } }
            guard !fields[0].isEmpty, let memory = number(fields[1]) else { throw GPUSpecsError(line: index + 1, text: line) }
            devices.append(GPUDevice(name: fields[0], memoryMiB: memory, maxGraphicsClockMHz: number(fields[2]),
                                     maxMemoryClockMHz: number(fields[3]), uuid: fields[4], driverVersion: fields[5]))
        }
        return GPUSpecs(devices: devices)
    }
}
