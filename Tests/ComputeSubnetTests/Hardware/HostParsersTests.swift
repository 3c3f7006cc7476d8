import Foundation
import Testing
@testable import ComputeSubnet

@Suite struct HostParsersTests {
    @Test func countsPhysicalAndLogicalCores() {
        let cpu = CPUSpecs.parse(cpuinfo: ProcFixtures.cpuinfoTwoSockets, maxFrequencyKHz: "3800000\n")
        #expect(cpu.logicalCores == 8)
        #expect(cpu.physicalCores == 4)
        #expect(cpu.model == "Intel(R) Xeon(R) Platinum 8480+")
        #expect(cpu.frequencyMHz == 2900)
        #expect(cpu.maxFrequencyMHz == 3800)
    }

    @Test func withoutTopologyEveryLogicalCPUCounts() {
        let cpu = CPUSpecs.parse(cpuinfo: ProcFixtures.cpuinfoNoTopology)
        #expect(cpu.logicalCores == 2 && cpu.physicalCores == 2)
        #expect(cpu.model == "AMD EPYC 9B45" && cpu.frequencyMHz == 2600 && cpu.maxFrequencyMHz == nil)
    }

    @Test func readsMemoryInBytes() {
        let memory = MemorySpecs.parse(meminfo: ProcFixtures.meminfo)
        #expect(memory.total == 24_609_680 * 1024)
        #expect(memory.available == 20_441_232 * 1024)
        #expect(memory.used == (24_609_680 - 20_441_232) * 1024)
        #expect(memory.free == 10_131_744 * 1024)
        #expect(memory.swapTotal == 2_097_148 * 1024 && memory.swapFree == 1_572_860 * 1024)
        #expect(memory.swapUsed == (2_097_148 - 1_572_860) * 1024)
    }

    @Test func thisMachinesProcFilesParse() throws {
        let cpu = CPUSpecs.parse(cpuinfo: try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
        #expect(cpu.logicalCores == ProcessInfo.processInfo.activeProcessorCount)
        #expect(cpu.physicalCores >= 1 && cpu.physicalCores <= cpu.logicalCores)
        let memory = MemorySpecs.parse(meminfo: try String(contentsOfFile: "/proc/meminfo", encoding: .utf8))
        #expect(UInt64(memory.total) == ProcessInfo.processInfo.physicalMemory)
    }
}
