import Foundation
import Testing
@testable import ComputeSubnet

/// A lease belongs to the hotkey that allocated it: another staked hotkey presenting the owner's
/// public key is refused (real Docker, real sshd), and leases from an old book migrate by rule.
@Suite(.serialized) struct AllocationOwnershipTests {
    typealias Support = AllocationTestSupport

    @Test func aSecondHotkeyWithTheOwnersPublicKeyIsRefusedAndTheOwnerKeepsTheContainer() async throws {
        try await Support.withScratch { engine, directory, port, name in
            let service = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let owner = try Support.rsaPair()
            let (identity, publicLine) = try Support.sshKeyPair(in: directory)
            let (thiefIdentity, thiefLine) = try Support.sshKeyPair(in: directory, name: "thief")
            let granted = await service.handle(Support.allocateRequest(publicKey: owner.publicPEM, sshKey: publicLine), caller: "5Owner")
            #expect(granted.status, "\(granted.reason ?? "")")
            let lease = try #require(await service.currentLease())
            #expect(lease.ownerHotkey == "5Owner")

            // The thief knows the owner's public key (it is public) and holds stake, but is not the owner.
            let thief = "5Thief"
            let probe = await service.handle(AllocationRequest(timeline: 0, checking: true, publicKey: owner.publicPEM), caller: thief)
            #expect(!probe.status)
            let end = await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM), caller: thief)
            #expect(!end.status && end.reason == "not_owner")
            for action in ["restart", "pause", "exchange_key"] {
                let request = AllocationRequest(checking: false, publicKey: owner.publicPEM, dockerChange: true,
                                                dockerAction: DockerAction(action: action, sshKey: thiefLine))
                let answer = await service.handle(request, caller: thief)
                #expect(!answer.status && answer.reason == "not_owner", "\(action)")
            }
            // A new allocation on top is refused too.
            let over = await service.handle(Support.allocateRequest(publicKey: owner.publicPEM), caller: thief)
            #expect(!over.status && over.info == nil)

            // Nothing changed: same lease, container running, the owner's key logs in, the thief's does not.
            #expect(await service.currentLease() == lease)
            #expect(try await engine.inspectContainer(lease.containerID)?.state == "running")
            let login = try Support.ssh(port: port, identity: identity, "echo owner-ok")
            #expect(login.status == 0 && login.output.contains("owner-ok"), "\(login.output)")
            #expect(try Support.ssh(port: port, identity: thiefIdentity, "true").status != 0)
            // The owner is still the owner.
            #expect(await service.handle(AllocationRequest(timeline: 0, checking: true, publicKey: owner.publicPEM), caller: "5Owner").status)
            #expect(await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM), caller: "5Owner").status)
            #expect(try await engine.inspectContainer(lease.containerID) == nil)
        }
    }

    /// A version 1 book (before owner hotkeys), as an older miner wrote it.
    static func versionOneBook(callerHotkey: String?, fingerprint: String, expiry: Date) -> String {
        let formatter = ISO8601DateFormatter()
        let caller = callerHotkey.map { "\"callerHotkey\" : \"\($0)\",\n" } ?? ""
        return """
        {
          "leases" : [
            {
              \(caller)"containerID" : "c-old",
              "containerName" : "sn27-ssh-container",
              "expiry" : "\(formatter.string(from: expiry))",
              "id" : "old-lease",
              "ownerKeyFingerprint" : "\(fingerprint)",
              "requirement" : { "cpu" : { "count" : 1 }, "gpu" : {}, "hard_disk" : {}, "ram" : {} },
              "sshPort" : 4444,
              "start" : "\(formatter.string(from: expiry.addingTimeInterval(-3600)))"
            }
          ],
          "version" : 1
        }
        """
    }

    /// A service whose engine is absent: ownership refusals happen before any engine call.
    static func service(_ directory: String) throws -> AllocationService {
        AllocationService(runtime: DockerEngine(socketPath: "\(directory)/none.sock"),
                          book: try LeaseBook(path: "\(directory)/leases.json"),
                          configuration: AllocationConfiguration(sshPort: 4444, image: SSHImage(cacheDirectory: directory)))
    }

    @Test func aVersionOneLeaseKeepsItsVerifiedCallerAsOwner() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let owner = try Support.rsaPair()
        let fingerprint = try OwnerKey(pem: owner.publicPEM).fingerprint
        let text = Self.versionOneBook(callerHotkey: "5OldOwner", fingerprint: fingerprint, expiry: Date().addingTimeInterval(3600))
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(directory)/leases.json"))
        chmod("\(directory)/leases.json", 0o644)
        let book = try LeaseBook(path: "\(directory)/leases.json")
        let lease = try #require(await book.all().first)
        #expect(lease.ownerHotkey == "5OldOwner")
        #expect(lease.isOwned(by: "5OldOwner", keyFingerprint: fingerprint))
        #expect(!lease.isOwned(by: "5Thief", keyFingerprint: fingerprint))
        // Opening narrows the old file's mode; the next write is version 2 with the owner kept.
        #expect(try Self.mode("\(directory)/leases.json") == 0o600)
        try await book.insert(lease)
        let rewritten = try String(contentsOfFile: "\(directory)/leases.json", encoding: .utf8)
        #expect(rewritten.contains("\"version\" : 2") && rewritten.contains("\"ownerHotkey\" : \"5OldOwner\""))
        #expect(try await LeaseBook(path: "\(directory)/leases.json").all() == [lease])

        let service = try Self.service(directory)
        let thief = await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM), caller: "5Thief")
        #expect(!thief.status && thief.reason == "not_owner")
        #expect(await service.currentLease() == lease)
    }

    @Test(arguments: [nil, ""] as [String?])
    func aLeaseWithoutARecordedOwnerEndsOnlyByExpiry(callerHotkey: String?) async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let owner = try Support.rsaPair()
        let fingerprint = try OwnerKey(pem: owner.publicPEM).fingerprint
        let text = Self.versionOneBook(callerHotkey: callerHotkey, fingerprint: fingerprint, expiry: Date().addingTimeInterval(3600))
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(directory)/leases.json"))
        let service = try Self.service(directory)
        let lease = try #require(await service.currentLease())
        #expect(lease.ownerHotkey == nil)
        // Even the key holder, under any hotkey (including the empty one), can neither probe, change nor end it.
        for caller in ["5Anyone", ""] {
            let end = await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM), caller: caller)
            #expect(!end.status && end.reason == "owner_unknown")
            let change = await service.handle(AllocationRequest(checking: false, publicKey: owner.publicPEM, dockerChange: true,
                                                                dockerAction: DockerAction(action: "restart")), caller: caller)
            #expect(!change.status && change.reason == "owner_unknown")
            #expect(await !service.handle(AllocationRequest(timeline: 0, checking: true, publicKey: owner.publicPEM), caller: caller).status)
        }
        #expect(await service.currentLease() == lease)
    }

    static func mode(_ path: String) throws -> Int {
        try #require((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }
}
