import Foundation
import Logging

/// Where and how the miner measures its machine.
public struct HardwareProbeConfiguration: Sendable {
    /// The path whose disk is reported (the miner's data directory).
    public var dataPath: String
    /// `nvidia-smi`; `nil` looks in the usual directories.
    public var nvidiaSMIPath: String?
    public var procRoot: String
    public var sysRoot: String
    /// Bytes written and read back to measure the disk (bounded by `DiskProbe.maximumTestBytes`).
    public var diskTestBytes: Int
    /// Bytes filled and copied to measure memory.
    public var memoryTestBytes: Int
    /// How long a measurement is served from the cache.
    public var timeToLive: Duration

    public init(dataPath: String, nvidiaSMIPath: String? = nil, procRoot: String = "/proc", sysRoot: String = "/sys",
                diskTestBytes: Int = 32 << 20, memoryTestBytes: Int = 64 << 20, timeToLive: Duration = .seconds(60)) {
        self.dataPath = dataPath
        self.nvidiaSMIPath = nvidiaSMIPath
        self.procRoot = procRoot
        self.sysRoot = sysRoot
        self.diskTestBytes = diskTestBytes
        self.memoryTestBytes = memoryTestBytes
        self.timeToLive = timeToLive
    }
}

/// Measures the machine for `Specs`, and serves the result from a short-lived cache so a burst of
/// queries costs one measurement (concurrent callers share the one in flight).
public actor HardwareProbe {
    private let configuration: HardwareProbeConfiguration
    private let runtime: (any ContainerRuntime)?
    private let logger: Logger
    private var cached: (specs: HardwareSpecs, at: ContinuousClock.Instant)?
    private var inFlight: Task<HardwareSpecs, Never>?

    /// - Parameter runtime: the container engine whose answer is `has_docker`; `nil`: no Docker.
    public init(configuration: HardwareProbeConfiguration, runtime: (any ContainerRuntime)?,
                logger: Logger = Logger(label: "compute-subnet.hardware")) {
        self.configuration = configuration
        self.runtime = runtime
        self.logger = logger
    }

    /// The machine's specs, measured at most once per `timeToLive`.
    public func specs() async -> HardwareSpecs {
        if let cached, ContinuousClock.now - cached.at < configuration.timeToLive { return cached.specs }
        if let inFlight { return await inFlight.value }
        let task = Task { await self.measure() }
        inFlight = task
        let specs = await task.value
        cached = (specs, ContinuousClock.now)
        inFlight = nil
        return specs
    }

    /// Measures now, ignoring the cache.
    public func measure() async -> HardwareSpecs {
        let configuration = self.configuration
        let hasDocker: Bool
        if let runtime { hasDocker = (try? await runtime.ping()) != nil } else { hasDocker = false }
        let gpu = await Self.gpus(configuration, logger: logger)
        let logger = self.logger
        return await Self.offload {
            let cpuinfo = (try? String(contentsOfFile: "\(configuration.procRoot)/cpuinfo", encoding: .utf8)) ?? ""
            let maxFrequency = try? String(contentsOfFile: "\(configuration.sysRoot)/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq",
                                           encoding: .utf8)
            var memory = MemorySpecs.parse(meminfo: (try? String(contentsOfFile: "\(configuration.procRoot)/meminfo", encoding: .utf8)) ?? "")
            let speeds = MemoryProbe.speeds(bytes: configuration.memoryTestBytes)
            memory.writeSpeedMBps = speeds.write
            memory.readSpeedMBps = speeds.read
            let disk: DiskSpecs
            do {
                disk = try DiskProbe.measure(configuration.dataPath, testBytes: configuration.diskTestBytes)
            } catch {
                logger.warning("disk not measured", metadata: ["error": "\(error)"])
                disk = (try? DiskProbe.sizes(of: configuration.dataPath)) ?? DiskSpecs(total: 0, free: 0, used: 0)
            }
            return HardwareSpecs(cpu: CPUSpecs.parse(cpuinfo: cpuinfo, maxFrequencyKHz: maxFrequency), gpu: gpu,
                                 disk: disk, memory: memory, hasDocker: hasDocker)
        }
    }

    /// Runs `nvidia-smi`; no binary, a failure or unreadable output all mean no GPUs (the original's `{}`).
    static func gpus(_ configuration: HardwareProbeConfiguration, logger: Logger) async -> GPUSpecs {
        let candidates = configuration.nvidiaSMIPath.map { [$0] }
            ?? ["/usr/bin/nvidia-smi", "/usr/local/bin/nvidia-smi", "/usr/local/nvidia/bin/nvidia-smi", "/bin/nvidia-smi"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return GPUSpecs() }
        // A launch can fail with ETXTBSY while another thread's fork briefly holds a write handle
        // on a freshly installed binary: three tries before reporting no GPUs. A hung driver must
        // not hang Specs: each try has 10 s.
        var ran: ProgramOutput?
        for attempt in 0..<3 where ran == nil {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(50)) }
            ran = try? await Program(path, GPUSpecs.query, timeout: .seconds(10), outputLimit: 1 << 20).run()
        }
        guard let output = ran else { return GPUSpecs() }
        guard output.succeeded else {
            logger.info("nvidia-smi failed; reporting no GPUs", metadata: ["ending": "\(output.ending)"])
            return GPUSpecs()
        }
        do {
            return try GPUSpecs.parse(nvidiaSMI: output.stdoutText)
        } catch {
            logger.warning("nvidia-smi output not understood; reporting no GPUs", metadata: ["error": "\(error)"])
            return GPUSpecs()
        }
    }

    /// Runs blocking work (file reads, timing loops, a child process) off the cooperative thread pool.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
