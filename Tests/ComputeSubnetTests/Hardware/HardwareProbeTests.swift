import Foundation
import Testing
@testable import ComputeSubnet

/// The probe on this machine, with a real dockerd and stand-in `nvidia-smi` executables.
@Suite(.serialized) struct HardwareProbeTests {
    /// Writes an executable shell script that logs each call to `log` and prints `output`.
    func fakeNvidiaSMI(in directory: String, output: String, status: Int = 0) throws -> (path: String, log: String) {
        let path = "\(directory)/nvidia-smi", log = "\(directory)/calls"
        try output.write(toFile: "\(directory)/output", atomically: true, encoding: .utf8)
        try """
            #!/bin/sh
            echo "$@" >> \(log)
            cat \(directory)/output
            exit \(status)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (path, log)
    }

    func calls(_ log: String) -> [String] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func measuresThisMachine() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try await AllocationTestSupport.docker()
        let probe = HardwareProbe(configuration: HardwareProbeConfiguration(dataPath: directory, nvidiaSMIPath: "\(directory)/absent",
                                                                            diskTestBytes: 4 << 20, memoryTestBytes: 8 << 20),
                                  runtime: engine)
        let specs = await probe.measure()
        #expect(specs.cpu.logicalCores == ProcessInfo.processInfo.activeProcessorCount)
        #expect(!specs.cpu.model.isEmpty && specs.cpu.frequencyMHz > 0)
        #expect(UInt64(specs.memory.total) == ProcessInfo.processInfo.physicalMemory)
        #expect((specs.memory.readSpeedMBps ?? 0) > 0 && (specs.memory.writeSpeedMBps ?? 0) > 0)
        #expect(specs.disk.total > 0 && (specs.disk.writeSpeedMBps ?? 0) > 0)
        #expect(specs.gpu.devices.isEmpty)
        #expect(specs.hasDocker)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func hasDockerIsFalseWhenTheDaemonDoesNotAnswer() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let probe = HardwareProbe(configuration: HardwareProbeConfiguration(dataPath: directory, nvidiaSMIPath: "\(directory)/absent",
                                                                            diskTestBytes: 1 << 20, memoryTestBytes: 1 << 20),
                                  runtime: DockerEngine(socketPath: "\(directory)/docker.sock"))
        #expect(await !probe.measure().hasDocker)
    }

    @Test func reportsWhatNvidiaSMIReportsWithTheExactQuery() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let smi = try fakeNvidiaSMI(in: directory, output: NvidiaSMIFixtures.mixed)
        let probe = HardwareProbe(configuration: HardwareProbeConfiguration(dataPath: directory, nvidiaSMIPath: smi.path,
                                                                            diskTestBytes: 1 << 20, memoryTestBytes: 1 << 20),
                                  runtime: nil)
        let specs = await probe.measure()
        #expect(specs.gpu == (try GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.mixed)))
        #expect(calls(smi.log) == [GPUSpecs.query.joined(separator: " ")])
        #expect(!specs.hasDocker)
    }

    @Test(arguments: [(NvidiaSMIFixtures.driverNotLoaded, 9), ("garbage, 1\n", 0)])
    func aFailingNvidiaSMIMeansNoGPUs(_ output: String, _ status: Int) async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let smi = try fakeNvidiaSMI(in: directory, output: output, status: status)
        let probe = HardwareProbe(configuration: HardwareProbeConfiguration(dataPath: directory, nvidiaSMIPath: smi.path,
                                                                            diskTestBytes: 1 << 20, memoryTestBytes: 1 << 20),
                                  runtime: nil)
        let specs = await probe.measure()
        #expect(specs.gpu.devices.isEmpty)
        #expect(specs.jsonText().contains("\"gpu\":{}"))
    }

    @Test func aBurstOfQueriesCostsOneMeasurementPerTimeToLive() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let smi = try fakeNvidiaSMI(in: directory, output: NvidiaSMIFixtures.h100)
        let probe = HardwareProbe(configuration: HardwareProbeConfiguration(dataPath: directory, nvidiaSMIPath: smi.path,
                                                                            diskTestBytes: 1 << 20, memoryTestBytes: 1 << 20,
                                                                            timeToLive: .milliseconds(800)),
                                  runtime: nil)
        let answers = await withTaskGroup(of: HardwareSpecs.self) { group in
            for _ in 0..<20 { group.addTask { await probe.specs() } }
            return await group.reduce(into: [HardwareSpecs]()) { $0.append($1) }
        }
        #expect(Set(answers).count == 1)
        #expect(calls(smi.log).count == 1)
        try await Task.sleep(for: .milliseconds(900))
        _ = await probe.specs()
        #expect(calls(smi.log).count == 2)
    }
}
