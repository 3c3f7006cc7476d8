import Foundation
import Testing
@testable import ComputeSubnet

@Suite struct LeaseBookTests {
    func lease(_ id: String, expiresIn seconds: TimeInterval) -> Lease {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        return Lease(id: id, ownerKeyFingerprint: String(repeating: "ab", count: 32), ownerHotkey: "5Grw",
                     start: start, expiry: start.addingTimeInterval(seconds), containerID: "c-\(id)",
                     containerName: "sn27-ssh-container", sshPort: 4444,
                     requirement: DeviceRequirement(cpuCount: 2, gpuCount: 1, gpuCapacityMiB: 81559, gpuType: "H100", ramBytes: 1 << 30))
    }

    @Test func leasesSurviveReopeningTheFile() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/state/leases.json"
        let book = try LeaseBook(path: path)
        try await book.insert(lease("a", expiresIn: 100))
        try await book.insert(lease("b", expiresIn: 50))
        let reopened = try LeaseBook(path: path)
        #expect(await reopened.all() == [lease("b", expiresIn: 50), lease("a", expiresIn: 100)])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        // No temporary files are left next to it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(directory)/state") == ["leases.json"])

        try await reopened.remove(id: "b")
        try await reopened.remove(id: "unknown")
        #expect(try await LeaseBook(path: path).all().map(\.id) == ["a"])
    }

    @Test func activeIsTheUnexpiredLease() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let book = try LeaseBook(path: "\(directory)/leases.json")
        let old = lease("old", expiresIn: 10)
        try await book.insert(old)
        #expect(await book.active(at: old.start.addingTimeInterval(9))?.id == "old")
        #expect(await book.active(at: old.start.addingTimeInterval(10)) == nil)
    }

    @Test func aCorruptFileIsATypedErrorAndIsLeftAlone() throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/leases.json"
        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try LeaseBook(path: path)
        } throws: { error in
            // The cause is kept: the decoder's own error, not its text.
            guard let error = error as? LeaseBookError, case let .unreadable(_, cause) = error.reason else { return false }
            return cause is DecodingError && error.description.contains(path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{not json")
    }

    @Test func aBookFromANewerMinerIsRefusedAndLeftAlone() throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = "\(directory)/leases.json"
        let newer = #"{"version": 99, "leases": []}"#
        try newer.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try LeaseBook(path: path)
        } throws: { error in
            guard let error = error as? LeaseBookError, case .newerVersion(_, 99, LeaseBook.version) = error.reason else { return false }
            return error.description.contains("upgrade the miner")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == newer)
    }

    @Test func anUnwritableStoreChangesNothing() async throws {
        // A path under a regular file cannot be created.
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "x".write(toFile: "\(directory)/file", atomically: true, encoding: .utf8)
        let book = try LeaseBook(path: "\(directory)/file/leases.json")
        await #expect(throws: LeaseBookError.self) { try await book.insert(lease("a", expiresIn: 1)) }
        #expect(await book.all().isEmpty)
    }
}
