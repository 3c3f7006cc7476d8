import Foundation
import Testing
@testable import ComputeSubnet

/// The engine client against the real daemon, and against no daemon at all.
@Suite(.serialized) struct DockerEngineTests {
    @Test func aMissingDaemonIsAClearTypedError() async throws {
        let engine = DockerEngine(socketPath: "/nonexistent/sn27/docker.sock")
        await #expect {
            try await engine.ping()
        } throws: { error in
            guard let error = error as? ContainerRuntimeError, case .daemonUnreachable(let socket, _) = error.reason else { return false }
            return socket == "/nonexistent/sn27/docker.sock" && error.description.contains("does not answer")
        }
    }

    @Test func allocatingWithoutADaemonRefusesAndRecordsNothing() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let book = try LeaseBook(path: "\(directory)/leases.json")
        let service = AllocationService(
            runtime: DockerEngine(socketPath: "\(directory)/docker.sock"), book: book,
            configuration: AllocationConfiguration(sshPort: 4444, image: SSHImage(cacheDirectory: "\(directory)/cache")))
        let answer = await service.handle(
            AllocationTestSupport.allocateRequest(publicKey: try AllocationTestSupport.rsaPair().publicPEM), caller: "5Any")
        #expect(!answer.status && answer.info == nil)
        // The caller gets a fixed code, never the engine's error text (which names the socket).
        let reason = try #require(answer.reason)
        #expect(["runtime_error", "image_unavailable", "exceeds_host"].contains(reason), "\(reason)")
        #expect(await book.all().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/leases.json"))
    }

    @Test func theRealDaemonAnswers() async throws {
        let engine = try await AllocationTestSupport.docker()
        try await engine.ping()
        let host = try await engine.hostInfo()
        #expect(host.cpus == ProcessInfo.processInfo.activeProcessorCount)
        #expect(host.memoryBytes > 0)
        #expect(try await !engine.imageExists("sn27-no-such-image:nope"))
        #expect(try await engine.inspectContainer("sn27-no-such-container") == nil)
        // Removing what does not exist is not an error; starting it is.
        try await engine.removeContainer("sn27-no-such-container")
        await #expect(throws: ContainerRuntimeError.self) { try await engine.startContainer("sn27-no-such-container") }
    }
}

/// The SSH image: built once per machine, then imported from the cached tarball under any tag.
@Suite(.serialized) struct SSHImageDockerTests {
    @Test func aMissingTagIsImportedFromTheCachedRootfsWithoutRebuilding() async throws {
        let engine = try await AllocationTestSupport.docker()
        let cache = AllocationTestSupport.imageCache
        let tarball = try await SSHImage(cacheDirectory: cache).buildTarball()
        let built = try FileManager.default.attributesOfItem(atPath: tarball)[.modificationDate] as? Date

        let reference = "sn27-ssh:import-test-\(UUID().uuidString.prefix(8).lowercased())"
        #expect(try await !engine.imageExists(reference))
        let image = SSHImage(reference: reference, cacheDirectory: cache)
        #expect(try await image.ensure(on: engine) == reference)
        #expect(try await engine.imageExists(reference))
        #expect(try FileManager.default.attributesOfItem(atPath: tarball)[.modificationDate] as? Date == built)
        // The image carries sshd's start command, and its rootfs holds no host keys.
        let inspect = try AllocationTestSupport.run("/usr/bin/env", ["docker", "image", "inspect", "-f", "{{json .Config.Cmd}}", reference])
        #expect(inspect.output.contains("sshd -D -e"), "\(inspect.output)")
        let keys = try AllocationTestSupport.run("/bin/tar", ["-tf", tarball, "./etc/ssh/"])
        #expect(keys.output.contains("sshd_config.d/sn27.conf") && !keys.output.contains("ssh_host_"), "\(keys.output)")
        try await engine.removeImage(reference)
        #expect(try await !engine.imageExists(reference))
    }
}
