import Foundation
import Testing
@testable import ComputeSubnet

@Suite struct GPUSpecsTests {
    @Test func parsesOneH100() throws {
        let specs = try GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.h100)
        #expect(specs.devices == [GPUDevice(name: "NVIDIA H100 80GB HBM3", memoryMiB: 81559, maxGraphicsClockMHz: 1980,
                                            maxMemoryClockMHz: 2619, uuid: "GPU-5f3c2a1e-8b7d-4c6e-9a0f-1d2e3f4a5b6c",
                                            driverVersion: "535.129.03")])
        #expect(specs.totalMemoryMiB == 81559)
    }

    @Test func parsesAGeForce() throws {
        let device = try #require(GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.rtx4090).devices.first)
        #expect(device.name == "NVIDIA GeForce RTX 4090")
        #expect(device.memoryMiB == 24564 && device.maxGraphicsClockMHz == 3120 && device.maxMemoryClockMHz == 10501)
        #expect(device.driverVersion == "550.54.14")
    }

    @Test func parsesEveryGPUOfANode() throws {
        let specs = try GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.h100x8)
        #expect(specs.devices.count == 8)
        #expect(specs.totalMemoryMiB == 8 * 81559)
        #expect(Set(specs.devices.map(\.uuid)).count == 8)
        let mixed = try GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.mixed)
        #expect(mixed.devices.map(\.name) == ["NVIDIA GeForce RTX 4090", "NVIDIA RTX A6000"])
        #expect(mixed.totalMemoryMiB == 24564 + 49140)
    }

    @Test func unavailableClocksAreNil() throws {
        let device = try #require(GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.virtualA100).devices.first)
        #expect(device.name == "GRID A100D-40C" && device.memoryMiB == 40960)
        #expect(device.maxGraphicsClockMHz == nil && device.maxMemoryClockMHz == nil)
    }

    @Test func noOutputIsNoGPU() throws {
        #expect(try GPUSpecs.parse(nvidiaSMI: "").devices.isEmpty)
        #expect(try GPUSpecs.parse(nvidiaSMI: "\n\n").devices.isEmpty)
    }

    @Test func anErrorMessageIsATypedError() {
        #expect(throws: GPUSpecsError.self) { try GPUSpecs.parse(nvidiaSMI: NvidiaSMIFixtures.driverNotLoaded) }
        #expect(throws: GPUSpecsError(line: 1, text: "NVIDIA H100, lots, 1, 2, GPU-x, 535")) {
            try GPUSpecs.parse(nvidiaSMI: "NVIDIA H100, lots, 1, 2, GPU-x, 535")
        }
    }
}
