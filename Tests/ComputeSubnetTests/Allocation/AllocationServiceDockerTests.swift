import Foundation
import Testing
@testable import ComputeSubnet

/// Allocations against the real Docker daemon: container, sshd, limits, ownership, persistence, expiry.
@Suite(.serialized) struct AllocationServiceDockerTests {
    typealias Support = AllocationTestSupport

    func withScratch(_ body: (DockerEngine, String, Int, String) async throws -> Void) async throws {
        try await Support.withScratch(body)
    }

    @Test func allocateGivesWorkingSSHWithLimitsAndDeallocateRemovesTheContainer() async throws {
        try await withScratch { engine, directory, port, name in
            let service = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let owner = try Support.rsaPair()
            let (identity, publicLine) = try Support.sshKeyPair(in: directory)

            let answer = await service.handle(Support.allocateRequest(publicKey: owner.publicPEM, sshKey: publicLine),
                                              caller: "5Validator")
            #expect(answer.status, "\(answer.reason ?? "")")
            #expect(answer.port == port)
            let credentials = try CredentialEnvelope.open(try #require(answer.info), privateKeyPEM: owner.privatePEM)
            #expect(credentials.username == "root")
            #expect(credentials.port == port)
            // The requester's key is the login: no password, no miner-made key.
            #expect(credentials.password.isEmpty && credentials.ed25519Seed == nil)

            // Key login runs a command and sees the cgroup limits (v2 files, else v1).
            let limits = try Support.ssh(port: port, identity: identity, """
                echo alive; \
                cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes; \
                cat /sys/fs/cgroup/cpu.max 2>/dev/null || echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"; \
                cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max
                """)
            #expect(limits.status == 0, "\(limits.output)")
            let lines = limits.output.split(separator: "\n").map(String.init)
            #expect(lines.first == "alive")
            #expect(lines.count >= 4)
            if lines.count >= 4 {
                #expect(lines[1] == "\(256 << 20)")
                let cpu = lines[2].split(separator: " ").compactMap { Double($0) }
                #expect(cpu.count == 2 && cpu[0] / cpu[1] == 1.0, "cpu quota \(lines[2])")
                #expect(lines[3] == "4096")
            }
            // The requester's key works without a password.
            let keyLogin = try Support.ssh(port: port, identity: identity, "hostname")
            #expect(keyLogin.status == 0 && keyLogin.output.contains("sn27"), "\(keyLogin.output)")

            let lease = try #require(await service.currentLease())
            #expect(lease.callerHotkey == "5Validator")
            #expect(lease.expiry.timeIntervalSince(lease.start) == 86_400)
            #expect(try await engine.inspectContainer(lease.containerID)?.isRunning == true)

            let done = await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM),
                                            caller: "5Validator")
            #expect(done.status, "\(done.reason ?? "")")
            #expect(try await engine.inspectContainer(lease.containerID) == nil)
            #expect(await service.currentLease() == nil)
            #expect(await !SSHProbe.answers(host: "127.0.0.1", port: port, timeout: .seconds(1)))
        }
    }

    @Test func onlyTheOwnerCanProbeChangeOrEndTheLease() async throws {
        try await withScratch { engine, directory, port, name in
            let service = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let owner = try Support.rsaPair(), stranger = try Support.rsaPair()
            let first = await service.handle(Support.allocateRequest(publicKey: owner.publicPEM), caller: "5Owner")
            #expect(first.status, "\(first.reason ?? "")")
            let lease = try #require(await service.currentLease())

            // Availability and "is it mine" probes.
            #expect(await !service.handle(AllocationRequest(timeline: 1, checking: true), caller: "5Any").status)
            #expect(await service.handle(AllocationRequest(timeline: 0, checking: true, publicKey: owner.publicPEM), caller: "5Owner").status)
            #expect(await !service.handle(AllocationRequest(timeline: 0, checking: true, publicKey: stranger.publicPEM), caller: "5Owner").status)
            // The lease belongs to the hotkey: another caller presenting the owner's (public) key is no owner.
            #expect(await !service.handle(AllocationRequest(timeline: 0, checking: true, publicKey: owner.publicPEM), caller: "5Any").status)

            // A second allocation is refused, and the tenant's container is untouched.
            let second = await service.handle(Support.allocateRequest(publicKey: stranger.publicPEM), caller: "5Other")
            #expect(!second.status && second.info == nil)
            #expect(await service.currentLease() == lease)

            // A stranger can neither end it nor act on it.
            #expect(await !service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: stranger.publicPEM), caller: "5Other").status)
            for action in ["restart", "pause", "exchange_key"] {
                let request = AllocationRequest(checking: false, publicKey: stranger.publicPEM, dockerChange: true,
                                                dockerAction: DockerAction(action: action, sshKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== x"))
                #expect(await !service.handle(request, caller: "5Other").status)
            }
            #expect(try await engine.inspectContainer(lease.containerID)?.state == "running")
            #expect(await service.currentLease() == lease)

            // The owner can pause and unpause.
            let pause = AllocationRequest(checking: false, publicKey: owner.publicPEM, dockerChange: true, dockerAction: DockerAction(action: "pause"))
            #expect(await service.handle(pause, caller: "5Owner").status)
            #expect(try await engine.inspectContainer(lease.containerID)?.state == "paused")
            let resume = AllocationRequest(checking: false, publicKey: owner.publicPEM, dockerChange: true, dockerAction: DockerAction(action: "resume"))
            #expect(await service.handle(resume, caller: "5Owner").status)
            #expect(try await engine.inspectContainer(lease.containerID)?.state == "running")
            // An unknown action changes nothing.
            let bogus = AllocationRequest(checking: false, publicKey: owner.publicPEM, dockerChange: true, dockerAction: DockerAction(action: "rm -rf"))
            #expect(await !service.handle(bogus, caller: "5Owner").status)

            // exchange_key by the owner installs a key that then logs in.
            let (identity, publicLine) = try Support.sshKeyPair(in: directory)
            #expect(try Support.ssh(port: port, identity: identity, "true").status != 0)
            let exchange = AllocationRequest(checking: false, publicKey: owner.publicPEM, dockerChange: true,
                                             dockerAction: DockerAction(action: "exchange_key", sshKey: publicLine))
            #expect(await service.handle(exchange, caller: "5Owner").status)
            let login = try Support.ssh(port: port, identity: identity, "echo ok")
            #expect(login.status == 0 && login.output.contains("ok"), "\(login.output)")

            #expect(await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM), caller: "5Owner").status)
            #expect(await service.handle(AllocationRequest(timeline: 1, checking: true), caller: "5Any").status)
            // Availability also says whether the requirement fits this host.
            let tooBig = AllocationRequest(timeline: 1, deviceRequirement: DeviceRequirement(cpuCount: 4096), checking: true)
            #expect(await !service.handle(tooBig, caller: "5Any").status)
        }
    }

    @Test func aRestartedServiceKeepsServingAndEndingTheLease() async throws {
        try await withScratch { engine, directory, port, name in
            let owner = try Support.rsaPair()
            do {
                let first = try Support.service(engine: engine, directory: directory, port: port, name: name)
                #expect(await first.handle(Support.allocateRequest(publicKey: owner.publicPEM, days: 90), caller: "5Owner").status)
                let lease = try #require(await first.currentLease())
                // Capped at 60 days.
                #expect(lease.expiry.timeIntervalSince(lease.start) == 60 * 86_400)
            }
            // A new process: a new book read from the same file.
            let restarted = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let lease = try #require(await restarted.currentLease())
            #expect(await restarted.handle(AllocationRequest(timeline: 0, checking: true, publicKey: owner.publicPEM), caller: "5Owner").status)
            #expect(await !restarted.handle(AllocationRequest(timeline: 0, checking: true, publicKey: owner.publicPEM), caller: "5Any").status)
            #expect(await !restarted.handle(Support.allocateRequest(publicKey: try Support.rsaPair().publicPEM), caller: "5Other").status)
            #expect(await restarted.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM), caller: "5Owner").status)
            #expect(try await engine.inspectContainer(lease.containerID) == nil)
        }
    }

    @Test func anExpiredLeaseIsRemovedOnTimeEvenAcrossARestart() async throws {
        try await withScratch { engine, directory, port, name in
            let owner = try Support.rsaPair()
            // One "day" is 4 seconds here.
            let service = try Support.service(engine: engine, directory: directory, port: port, name: name, secondsPerDay: 4)
            #expect(await service.handle(Support.allocateRequest(publicKey: owner.publicPEM), caller: "5Owner").status)
            let lease = try #require(await service.currentLease())
            let expiry = Task { await service.runExpiry() }
            defer { expiry.cancel() }
            while try await engine.inspectContainer(lease.containerID) != nil, Date() < lease.expiry.addingTimeInterval(5) {
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(try await engine.inspectContainer(lease.containerID) == nil)
            #expect(Date() >= lease.expiry)
            #expect(await service.currentLease() == nil)
            #expect(try await LeaseBook(path: "\(directory)/leases.json").all().isEmpty)
            expiry.cancel()

            // A lease that runs out while the miner is down ends at the next start.
            let first = try Support.service(engine: engine, directory: directory, port: port, name: name, secondsPerDay: 2)
            #expect(await first.handle(Support.allocateRequest(publicKey: owner.publicPEM), caller: "5Owner").status)
            let second = try #require(await first.currentLease())
            try await Task.sleep(for: .seconds(max(0, second.expiry.timeIntervalSinceNow) + 0.2))
            let restarted = try Support.service(engine: engine, directory: directory, port: port, name: name, secondsPerDay: 2)
            #expect(await restarted.expireDueLeases().map(\.id) == [second.id])
            #expect(try await engine.inspectContainer(second.containerID) == nil)
        }
    }

    @Test func twoSimultaneousAllocationsGiveTheMachineToExactlyOne() async throws {
        try await withScratch { engine, directory, port, name in
            let service = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let keys = try (0..<3).map { _ in try Support.rsaPair() }
            let answers = await withTaskGroup(of: AllocationResponse.self) { group in
                for key in keys { group.addTask { await service.handle(Support.allocateRequest(publicKey: key.publicPEM), caller: "5Racer") } }
                return await group.reduce(into: [AllocationResponse]()) { $0.append($1) }
            }
            #expect(answers.filter(\.status).count == 1)
            #expect(try await engine.containers(withLabel: AllocationService.leaseLabel).filter { $0.name == name }.count == 1)
            let winner = try #require(answers.first(where: \.status)?.info)
            let owner = try #require(keys.first { (try? CredentialEnvelope.open(winner, privateKeyPEM: $0.privatePEM)) != nil })
            #expect(await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM), caller: "5Racer").status)
        }
    }
}

/// Requests that are refused before any container is touched (the engine is not even there).
@Suite struct AllocationRefusalTests {
    func service(_ directory: String) throws -> AllocationService {
        AllocationService(runtime: DockerEngine(socketPath: "\(directory)/none.sock"),
                          book: try LeaseBook(path: "\(directory)/leases.json"),
                          configuration: AllocationConfiguration(sshPort: 4444, image: SSHImage(cacheDirectory: directory)))
    }

    @Test func negativeTimelinesDeallocationsWithoutALeaseAndBadKeysAreRefused() async throws {
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let service = try service(directory)
        let key = try AllocationTestSupport.rsaPair().publicPEM
        let negative = await service.handle(AllocationRequest(timeline: -1, checking: false, publicKey: key), caller: "5A")
        #expect(!negative.status && negative.port == 4444 && negative.reason?.contains("negative") == true)
        let noLease = await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: key), caller: "5A")
        #expect(!noLease.status && noLease.reason == AllocationRefusal.notLeased.code)
        let action = await service.handle(AllocationRequest(checking: false, publicKey: key, dockerChange: true,
                                                            dockerAction: DockerAction(action: "restart")), caller: "5A")
        #expect(!action.status)
        let badKey = await service.handle(AllocationTestSupport.allocateRequest(publicKey: "-----BEGIN PUBLIC KEY-----"), caller: "5A")
        #expect(!badKey.status && badKey.reason == AllocationRefusal.invalidPublicKey.code)
        let badSSH = await service.handle(AllocationTestSupport.allocateRequest(publicKey: key, sshKey: "ssh-rsa AAAA\nrm -rf /"), caller: "5A")
        #expect(!badSSH.status && badSSH.reason == AllocationRefusal.invalidSSHKey.code)
        // Probes: an engine that does not answer cannot take a tenant, and the idle machine is nobody's.
        #expect(await !service.handle(AllocationRequest(timeline: 1, checking: true), caller: "5A").status)
        #expect(await !service.handle(AllocationRequest(timeline: 0, checking: true, publicKey: key), caller: "5A").status)
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/leases.json"))
    }
}

