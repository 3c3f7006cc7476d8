/// Main memory and swap from `/proc/meminfo`, in bytes, with measured copy speeds.
public struct MemorySpecs: Sendable, Hashable {
    public var total: Int64
    public var available: Int64
    /// `total − available`, as psutil reports `used`.
    public var used: Int64
    public var free: Int64
    public var swapTotal: Int64
    public var swapUsed: Int64
    public var swapFree: Int64
    /// Memory read (copy) speed in MB/s, when measured.
    public var readSpeedMBps: Double?
    /// Memory write (fill) speed in MB/s, when measured.
    public var writeSpeedMBps: Double?

    public init(total: Int64, available: Int64, used: Int64, free: Int64, swapTotal: Int64, swapUsed: Int64, swapFree: Int64,
                readSpeedMBps: Double? = nil, writeSpeedMBps: Double? = nil) {
        self.total = total
        self.available = available
        self.used = used
        self.free = free
        self.swapTotal = swapTotal
        self.swapUsed = swapUsed
        self.swapFree = swapFree
        self.readSpeedMBps = readSpeedMBps
        self.writeSpeedMBps = writeSpeedMBps
    }

    /// Parses `/proc/meminfo` (values in kB). Missing `MemAvailable` (kernels < 3.14) falls back to `MemFree`.
    public static func parse(meminfo: String) -> MemorySpecs {
        var kB: [String: Int64] = [:]
        for line in meminfo.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " })
            if parts.count >= 2, let value = Int64(parts[1]) { kB[String(parts[0])] = value }
        }
        let bytes = { (key: String) in (kB[key] ?? 0) * 1024 }
        let total = bytes("MemTotal"), free = bytes("MemFree")
        let available = kB["MemAvailable"] != nil ? bytes("MemAvailable") : free
        let swapTotal = bytes("SwapTotal"), swapFree = bytes("SwapFree")
        return MemorySpecs(total: total, available: available, used: max(0, total - available), free: free,
                           swapTotal: swapTotal, swapUsed: max(0, swapTotal - swapFree), swapFree: swapFree)
    }
}
