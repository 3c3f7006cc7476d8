import Foundation
import Testing
@testable import ComputeSubnet

/// A miner that starts again finds the engine as the last one left it, and repairs what it can.
@Suite(.serialized) struct AllocationReconcileDockerTests {
    typealias Support = AllocationTestSupport

    func withScratch(_ body: (DockerEngine, String, Int, String) async throws -> Void) async throws {
        try await Support.withScratch(body)
    }

    @Test func aStoppedTenantContainerIsStartedAgainWithTheSameLogin() async throws {
        try await withScratch { engine, directory, port, name in
            let owner = try Support.rsaPair()
            let first = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let answer = await first.handle(Support.allocateRequest(publicKey: owner.publicPEM), caller: "5Owner")
            let credentials = try CredentialEnvelope.open(try #require(answer.info), privateKeyPEM: owner.privatePEM)
            let stop = try Support.run("/usr/bin/env", ["docker", "stop", "-t", "1", name])
            #expect(stop.status == 0, "\(stop.output)")
            #expect(try await engine.inspectContainer(name)?.state == "exited")

            let restarted = try Support.service(engine: engine, directory: directory, port: port, name: name)
            try await restarted.reconcile()
            #expect(try await engine.inspectContainer(name)?.isRunning == true)
            #expect(await SSHProbe.waitUntilAnswering(host: "127.0.0.1", port: port, within: .seconds(30)))
            let key = try #require(OpenSSHKey(seedBase64: credentials.ed25519Seed ?? ""), "no lease key in the envelope")
            let identity = try TenantTestSupport.writeIdentity(key.privateKeyFile(), in: directory)
            let login = try Support.ssh(port: port, identity: identity, "echo back")
            #expect(login.status == 0 && login.output.contains("back"), "\(login.output)")
            #expect(await restarted.currentLease() != nil)
        }
    }

    @Test func aLeaseWhoseContainerVanishedIsForgotten() async throws {
        try await withScratch { engine, directory, port, name in
            let owner = try Support.rsaPair()
            let first = try Support.service(engine: engine, directory: directory, port: port, name: name)
            #expect(await first.handle(Support.allocateRequest(publicKey: owner.publicPEM), caller: "5Owner").status)
            try await engine.removeContainer(name)

            let restarted = try Support.service(engine: engine, directory: directory, port: port, name: name)
            try await restarted.reconcile()
            #expect(await restarted.currentLease() == nil)
            #expect(await restarted.handle(AllocationRequest(timeline: 1, checking: true), caller: "5Any").status)
        }
    }

    @Test func aLeftoverContainerWithoutALeaseIsRemoved() async throws {
        try await withScratch { engine, directory, port, name in
            let image = try await SSHImage(cacheDirectory: Support.imageCache).ensure(on: engine)
            let id = try await engine.createContainer(ContainerSpec(
                name: name, image: image, command: SSHImage.command, labels: [AllocationService.leaseLabel: "stale"],
                hostPort: port, hostIP: "127.0.0.1"))
            try await engine.startContainer(id)
            // Someone else's container (another name) is left alone.
            let otherName = name + "-other"
            let other = try await engine.createContainer(ContainerSpec(
                name: otherName, image: image, command: SSHImage.command, labels: [AllocationService.leaseLabel: "theirs"],
                hostPort: try Support.freePort(), hostIP: "127.0.0.1"))
            defer { Task { try? await engine.removeContainer(other) } }

            let service = try Support.service(engine: engine, directory: directory, port: port, name: name)
            try await service.reconcile()
            #expect(try await engine.inspectContainer(id) == nil)
            #expect(try await engine.inspectContainer(other) != nil)
            try await engine.removeContainer(other)
        }
    }

    @Test func reconcilingWithoutADaemonIsATypedErrorAndKeepsTheBook() async throws {
        let directory = try Support.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let book = try LeaseBook(path: "\(directory)/leases.json")
        let lease = Lease(id: "x", ownerKeyFingerprint: "f", ownerHotkey: "5A", start: Date(), expiry: Date().addingTimeInterval(3600),
                          containerID: "c", containerName: "n", sshPort: 4444, requirement: DeviceRequirement())
        try await book.insert(lease)
        let service = AllocationService(runtime: DockerEngine(socketPath: "\(directory)/none.sock"), book: book,
                                        configuration: AllocationConfiguration(image: SSHImage(cacheDirectory: directory)))
        await #expect(throws: ContainerRuntimeError.self) { try await service.reconcile() }
        #expect(await book.all() == [lease])
    }
}
