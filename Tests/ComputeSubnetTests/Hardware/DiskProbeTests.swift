import Foundation
import Testing
@testable import ComputeSubnet

@Suite(.serialized) struct DiskProbeTests {
    @Test func measuresSpeedsAndLeavesNothingBehind() throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let disk = try DiskProbe.measure(directory, testBytes: 8 << 20)
        #expect(disk.total > 0 && disk.free > 0 && disk.used >= 0 && disk.free <= disk.total)
        #expect((disk.writeSpeedMBps ?? 0) > 0)
        #expect((disk.readSpeedMBps ?? 0) > 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func sizesMatchStatvfsOfThePath() throws {
        var info = statvfs()
        #expect(statvfs("/", &info) == 0)
        let disk = try DiskProbe.sizes(of: "/")
        #expect(disk.total == Int64(info.f_blocks) * Int64(info.f_frsize))
        #expect(disk.writeSpeedMBps == nil)
    }

    @Test func aMissingOrUnwritablePathIsATypedError() throws {
        #expect(throws: DiskProbeError.self) { try DiskProbe.measure("/nonexistent/sn27-data") }
        // A path on a disk with room, where no file can be created (it is a regular file).
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "x".write(toFile: "\(directory)/file", atomically: true, encoding: .utf8)
        #expect(throws: DiskProbeError.self) { try DiskProbe.measure("\(directory)/file", testBytes: 1 << 20) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["file"])
    }
}
