/// The processor: cores, model and clock, read from `/proc/cpuinfo` and cpufreq in sysfs.
public struct CPUSpecs: Sendable, Hashable {
    /// Physical cores (distinct `physical id`/`core id` pairs), the original's `cpu.count`.
    public var physicalCores: Int
    /// Logical CPUs (hardware threads).
    public var logicalCores: Int
    /// `model name`, e.g. "AMD EPYC 9B45".
    public var model: String
    /// Current clock in MHz (mean `cpu MHz` over logical CPUs), the original's `cpu.frequency`.
    public var frequencyMHz: Double
    /// Highest clock in MHz from cpufreq, when the kernel exposes it.
    public var maxFrequencyMHz: Double?

    public init(physicalCores: Int, logicalCores: Int, model: String, frequencyMHz: Double, maxFrequencyMHz: Double? = nil) {
        self.physicalCores = physicalCores
        self.logicalCores = logicalCores
        self.model = model
        self.frequencyMHz = frequencyMHz
        self.maxFrequencyMHz = maxFrequencyMHz
    }

    /// Parses `/proc/cpuinfo`; `maxFrequencyKHz` is the text of `cpufreq/cpuinfo_max_freq` if present.
    public static func parse(cpuinfo: String, maxFrequencyKHz: String? = nil) -> CPUSpecs {
        var logical = 0
        var cores: Set<String> = []
        var model = ""
        var megahertz: [Double] = []
        var physicalID = "", coresPerSocket: Int?
        var sockets: Set<String> = []
        for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "processor": logical += 1
            case "model name" where model.isEmpty: model = value
            case "cpu MHz": if let mhz = Double(value) { megahertz.append(mhz) }
            case "physical id": physicalID = value; sockets.insert(value)
            case "core id": cores.insert("\(physicalID)/\(value)")
            case "cpu cores": coresPerSocket = Int(value)
            default: break
            }
        }
        // Without topology (some VMs, ARM), fall back to cores-per-socket, then to logical CPUs.
        var physical = cores.count
        if physical == 0 { physical = (coresPerSocket ?? 0) * max(sockets.count, 1) }
        if physical == 0 { physical = logical }
        let mean = megahertz.isEmpty ? 0 : megahertz.reduce(0, +) / Double(megahertz.count)
        let maxMHz = maxFrequencyKHz.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.map { $0 / 1000 }
        return CPUSpecs(physicalCores: physical, logicalCores: logical, model: model,
                        frequencyMHz: (mean * 1000).rounded() / 1000,
                        maxFrequencyMHz: maxMHz)
    }
}
