import Foundation
import Testing
@testable import ComputeSubnet

@Suite struct HardwareSpecsTests {
    func sample(gpu: GPUSpecs) -> HardwareSpecs {
        HardwareSpecs(
            cpu: CPUSpecs(physicalCores: 16, logicalCores: 32, model: "AMD EPYC 9B45", frequencyMHz: 3100, maxFrequencyMHz: 4100),
            gpu: gpu,
            disk: DiskSpecs(total: 1_000_204_886_016, free: 812_345_675_776, used: 187_859_210_240, writeSpeedMBps: 1650.3, readSpeedMBps: 3020.7),
            memory: MemorySpecs(total: 135_089_913_856, available: 128_849_018_880, used: 6_240_894_976, free: 127_481_651_200,
                                swapTotal: 0, swapUsed: 0, swapFree: 0, readSpeedMBps: 12034.5, writeSpeedMBps: 8512.3),
            hasDocker: true)
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Every key of the Python reference miner's answer is present, at the same place, with the same type.
    @Test func coversTheOriginalShape() throws {
        let ours = try object(sample(gpu: try GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.h100)).jsonText())
        let python = try object(ProcFixtures.pythonPeerSpecs)
        func compare(_ a: [String: Any], _ b: [String: Any], _ path: String) {
            for (key, value) in b {
                let here = "\(path).\(key)"
                guard let mine = a[key] else { Issue.record("missing \(here)"); continue }
                if let nested = value as? [String: Any] {
                    compare(mine as? [String: Any] ?? [:], nested, here)
                } else if let list = value as? [[String: Any]], let first = list.first {
                    compare((mine as? [[String: Any]])?.first ?? [:], first, here)
                } else {
                    #expect((value is Bool) == (mine is Bool), "\(here)")
                    #expect((value is NSNumber) == (mine is NSNumber), "\(here)")
                }
            }
        }
        compare(ours, python, "specs")
        let gpu = try #require(ours["gpu"] as? [String: Any])
        #expect(gpu["count"] as? Int == 1 && gpu["capacity"] as? Int == 81559)
        #expect(gpu["graphics_speed"] as? Int == 1980 && gpu["memory_speed"] as? Int == 2619)
        #expect((ours["cpu"] as? [String: Any])?["count"] as? Int == 16)
    }

    @Test func noGPUIsAnEmptyObject() throws {
        let ours = try object(sample(gpu: GPUSpecs()).jsonText())
        #expect((ours["gpu"] as? [String: Any])?.isEmpty == true)
        #expect(ours["has_docker"] as? Bool == true)
    }

    @Test func multiGPUCapacityIsTheSum() throws {
        let ours = try object(sample(gpu: try GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.h100x8)).jsonText())
        let gpu = try #require(ours["gpu"] as? [String: Any])
        #expect(gpu["count"] as? Int == 8 && gpu["capacity"] as? Int == 8 * 81559)
        #expect((gpu["details"] as? [Any])?.count == 8)
    }

    @Test func readsThePythonMinersAnswerAndRoundTrips() throws {
        let decoded = try JSONDecoder().decode(HardwareSpecs.self, from: Data(ProcFixtures.pythonPeerSpecs.utf8))
        #expect(decoded.cpu.physicalCores == 16 && decoded.gpu.devices.first?.memoryMiB == 81559)
        #expect(decoded.gpu.devices.first?.maxGraphicsClockMHz == 1980)
        #expect(decoded.memory.total == 135_089_913_856 && decoded.hasDocker)
        let again = try JSONDecoder().decode(HardwareSpecs.self, from: Data(decoded.jsonText().utf8))
        #expect(again == decoded)
    }
}
