import Foundation
import Testing
@testable import ComputeSubnet

/// A tenant is hostile: against the real Docker daemon, its container keeps only sshd's
/// capabilities, cannot gain privileges, is limited even when the request names no limits, logs in
/// with a key only, and reaches neither the host's services, nor 169.254.0.0/16, nor another tenant.
@Suite(.serialized) struct TenantIsolationDockerTests {
    typealias Support = AllocationTestSupport
    typealias Tenant = TenantTestSupport

    @Test func aTenantWithoutRequestedLimitsIsStillConfinedAndLogsInWithTheMinersKeyOnly() async throws {
        try await Support.withScratch { engine, directory, port, name in
            let service = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let owner = try Support.rsaPair()
            // No CPU, no RAM, no ssh_key: the miner picks the limits and makes the login key.
            let answer = await service.handle(Support.allocateRequest(publicKey: owner.publicPEM, cpus: nil, ramMiB: nil),
                                              caller: "5Tenant")
            #expect(answer.status, "\(answer.reason ?? "")")
            let credentials = try CredentialEnvelope.open(try #require(answer.info), privateKeyPEM: owner.privatePEM)
            #expect(credentials.username == "root" && credentials.port == port && credentials.password.isEmpty)
            let seed = try #require(credentials.ed25519Seed, "no miner-made key in the envelope")
            let key = try #require(OpenSSHKey(seedBase64: seed))
            let identity = try Tenant.writeIdentity(key.privateKeyFile(), in: directory)

            let inside = try Support.ssh(port: port, identity: identity, """
                grep -E '^(CapEff|CapBnd|CapPrm|NoNewPrivs):' /proc/1/status; \
                echo "mem $(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"; \
                echo "cpu $(cat /sys/fs/cgroup/cpu.max 2>/dev/null || echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)")"; \
                echo "pids $(cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max)"; \
                echo "ipv6off $(cat /proc/sys/net/ipv6/conf/all/disable_ipv6 2>/dev/null || echo 1)"
                """)
            #expect(inside.status == 0, "\(inside.output)")
            var fields: [String: String] = [:]
            for line in inside.output.split(separator: "\n") {
                let parts = line.split(maxSplits: 1, whereSeparator: { $0 == ":" || $0 == " " })
                if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
            let allowed = Tenant.capabilityMask(TenantPolicy.sshCapabilities)
            for field in ["CapEff", "CapBnd", "CapPrm"] {
                #expect(fields[field].flatMap { UInt64($0, radix: 16) } == allowed,
                        "\(field) \(fields[field] ?? "-") ≠ \(String(allowed, radix: 16))")
            }
            #expect(fields["NoNewPrivs"] == "1")
            let host = try await engine.hostInfo()
            #expect(fields["mem"] == "\(min(Int64(2) << 30, host.memoryBytes / 2))", "memory \(fields["mem"] ?? "-")")
            let cpu = (fields["cpu"] ?? "").split(separator: " ").compactMap { Double($0) }
            #expect(cpu.count == 2 && cpu[0] / cpu[1] == 1.0, "cpu \(fields["cpu"] ?? "-")")
            #expect(fields["pids"] == "4096")
            #expect(fields["ipv6off"] == "1", "IPv6 inside would bypass the IPv4 firewall rules")

            // Password login is off even for a root that has a password.
            _ = try Support.ssh(port: port, identity: identity, "echo 'root:Tenant-pass-123' | chpasswd")
            let password = try Tenant.passwordAttempt(port: port, password: "Tenant-pass-123")
            #expect(password.status != 0 && !password.output.contains("in\n"), "\(password.output)")
            #expect(password.output.contains("Permission denied (publickey)"), "\(password.output)")
            #expect(await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM),
                                         caller: "5Tenant").status)
        }
    }

    @Test func aTenantReachesNeitherTheHostNorMetadataNorAnotherTenant() async throws {
        try await Support.withScratch { engine, directory, port, name in
            let listener = try Tenant.HostListener()
            let service = try Support.service(engine: engine, directory: directory, port: port, name: name)
            let owner = try Support.rsaPair()
            let (identity, publicLine) = try Support.sshKeyPair(in: directory)
            let answer = await service.handle(Support.allocateRequest(publicKey: owner.publicPEM, sshKey: publicLine),
                                              caller: "5Tenant")
            #expect(answer.status, "\(answer.reason ?? "")")
            let lease = try #require(await service.currentLease())
            let network = try Tenant.inspect(lease.containerID, "{{.HostConfig.NetworkMode}}")
            #expect(network == TenantPolicy.defaultNetwork)
            let gateway = try Tenant.inspect(lease.containerID, "{{range .NetworkSettings.Networks}}{{.Gateway}}{{end}}")

            // Control: a container on Docker's default bridge does reach the host's listener.
            let bridgeGateway = try #require(Tenant.interfaceAddresses().first { $0.0 == "docker0" }?.1)
            let control = try Support.run("/usr/bin/env", ["docker", "run", "--rm", SSHImage.defaultReference, "timeout", "3",
                                                           "bash", "-c", ": </dev/tcp/\(bridgeGateway)/\(listener.port)"])
            #expect(control.status == 0, "the control container could not reach the host listener: \(control.output)")

            // The tenant reaches none of the host's addresses, nor the metadata range.
            var targets = [(gateway, listener.port), ("169.254.169.254", 80)]
            targets += Tenant.hostAddresses().map { ($0, listener.port) }
            targets.append((bridgeGateway, listener.port))
            for (address, targetPort) in targets {
                let (connected, elapsed) = try await Tenant.connects(from: lease.containerID, to: address, port: targetPort,
                                                                     engine: engine)
                #expect(!connected, "the tenant reached \(address):\(targetPort)")
                #expect(elapsed < .seconds(5), "\(address):\(targetPort) took \(elapsed)")
            }

            // A second tenant on the same network: the host reaches its sshd, the first tenant does not.
            let other = try await engine.createContainer(ContainerSpec(
                name: "\(name)-b", image: SSHImage.defaultReference, command: SSHImage.command,
                labels: [AllocationService.leaseLabel: "other"], hostPort: try Support.freePort(), hostIP: "127.0.0.1",
                network: network))
            do {
                try await engine.startContainer(other)
                let otherIP = try Tenant.inspect(other, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}")
                #expect(await SSHProbe.waitUntilAnswering(host: otherIP, port: 22, within: .seconds(20)))
                let (connected, elapsed) = try await Tenant.connects(from: lease.containerID, to: otherIP, port: 22, engine: engine)
                #expect(!connected, "the tenant reached another tenant at \(otherIP):22")
                #expect(elapsed < .seconds(5))
            }
            try? await engine.removeContainer(other)

            // The renter's published port still serves the renter.
            let login = try Support.ssh(port: port, identity: identity, "echo ok")
            #expect(login.status == 0 && login.output.contains("ok"), "\(login.output)")

            // Applying the isolation again adds no second copy of any rule.
            try await service.prepareIsolation()
            try await service.prepareIsolation()
            for chain in ["INPUT", "DOCKER-USER"] {
                let rules = try Support.run("/usr/sbin/iptables", ["-w", "5", "-S", chain]).output
                #expect(rules.split(separator: "\n").filter { $0.contains("SN27-TENANT-") }.count == 1, "\(chain): \(rules)")
            }
            for (chain, count) in [(TenantFirewall.inputChain, 3), (TenantFirewall.forwardChain, 2)] {
                let rules = try Support.run("/usr/sbin/iptables", ["-w", "5", "-S", chain]).output
                #expect(rules.split(separator: "\n").filter { $0.hasPrefix("-A ") }.count == count, "\(chain): \(rules)")
            }
            #expect(await service.handle(AllocationRequest(timeline: 0, checking: false, publicKey: owner.publicPEM),
                                         caller: "5Tenant").status)
        }
    }

    @Test func withoutIsolationTheMinerRefusesRatherThanRunningATenantOpen() async throws {
        try await Support.withScratch { engine, directory, port, name in
            // A network under the tenant name that lets containers talk: the miner must not use it.
            let network = "sn27t-\(UUID().uuidString.prefix(6).lowercased())"
            _ = try await engine.ensureNetwork(NetworkSpec(name: network, interContainer: true))
            do {
                var configuration = AllocationConfiguration(sshPort: port, hostIP: "127.0.0.1", containerName: name,
                                                            image: SSHImage(cacheDirectory: Support.imageCache))
                configuration.tenant.network = network
                let service = AllocationService(runtime: engine, book: try LeaseBook(path: "\(directory)/leases.json"),
                                                configuration: configuration)
                let answer = await service.handle(Support.allocateRequest(publicKey: try Support.rsaPair().publicPEM),
                                                  caller: "5Tenant")
                #expect(!answer.status && answer.info == nil && answer.reason?.contains("exceed") == true, "\(answer.reason ?? "")")
                #expect(try await engine.inspectContainer(name) == nil)
                #expect(await service.currentLease() == nil)
                await #expect(throws: TenantIsolationError.self) { try await service.prepareIsolation() }
            }
            try await engine.removeNetwork(network)
        }
    }
}
