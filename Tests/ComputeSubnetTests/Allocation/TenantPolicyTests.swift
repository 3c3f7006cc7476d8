import Foundation
import Testing
@testable import ComputeSubnet

/// Tenant limits, the container body Docker receives, and the SSH key formats (no daemon needed).
@Suite struct TenantPolicyTests {
    let host = ContainerHostInfo(cpus: 8, memoryBytes: 16 << 30, hasNvidiaRuntime: false, serverVersion: "20.10",
                                 storageDriver: "overlay2", backingFilesystem: "extfs")

    @Test func limitsAlwaysApplyAndNeverExceedTheHost() {
        let policy = TenantPolicy()
        let silent = policy.limits(for: DeviceRequirement(), on: host)
        #expect(silent == TenantLimits(cpus: 1, memoryBytes: 2 << 30, diskBytes: 20 << 30))
        let zero = policy.limits(for: DeviceRequirement(cpuCount: 0, diskBytes: 0, ramBytes: 0), on: host)
        #expect(zero == silent)
        let asked = policy.limits(for: DeviceRequirement(cpuCount: 4, diskBytes: 5 << 30, ramBytes: 3 << 30), on: host)
        #expect(asked == TenantLimits(cpus: 4, memoryBytes: 3 << 30, diskBytes: 5 << 30))
        // A small host: the default memory is at most half of it, CPUs at most what it has.
        let small = ContainerHostInfo(cpus: 1, memoryBytes: 1 << 30, hasNvidiaRuntime: false, serverVersion: "")
        #expect(policy.limits(for: DeviceRequirement(cpuCount: 64), on: small) ==
            TenantLimits(cpus: 1, memoryBytes: 512 << 20, diskBytes: 20 << 30))
    }

    @Test func theCreateBodyDropsCapabilitiesAndJoinsTheTenantNetwork() throws {
        let policy = TenantPolicy()
        let spec = policy.confine(ContainerSpec(name: "n", image: "i", command: ["c"], hostPort: 4444),
                                  limits: policy.limits(for: DeviceRequirement(), on: host), pidsLimit: 4096, diskQuota: true)
        let body = DockerEngine.createBody(spec)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try #require(String(data: try encoder.encode(body), encoding: .utf8))
        #expect(json.contains(#""CapDrop":["ALL"]"#))
        #expect(json.contains(#""CapAdd":["AUDIT_WRITE","NET_BIND_SERVICE","SETGID","SETUID","SYS_CHROOT"]"#))
        #expect(json.contains(#""SecurityOpt":["no-new-privileges"]"#))
        #expect(json.contains(#""NetworkMode":"sn27-tenants""#))
        #expect(json.contains(#""StorageOpt":{"size":"\#(20 << 30)"}"#))
        #expect(json.contains(#""Memory":\#(2 << 30)"#) && json.contains(#""MemorySwap":\#(2 << 30)"#))
        #expect(json.contains(#""NanoCpus":1000000000"#) && json.contains(#""PidsLimit":4096"#))
        #expect(json.contains(#""net.ipv6.conf.all.disable_ipv6":"1""#))
        // Storage without quotas: no size option (Docker would refuse the create).
        #expect(!TenantPolicy.mayLimitDisk(host))
        #expect(TenantPolicy.mayLimitDisk(ContainerHostInfo(cpus: 1, memoryBytes: 1, hasNvidiaRuntime: false, serverVersion: "",
                                                            storageDriver: "overlay2", backingFilesystem: "xfs")))
    }

    @Test func sshdAllowsKeysOnly() {
        let command = SSHImage.command.joined(separator: " ")
        for option in ["PermitRootLogin=prohibit-password", "PasswordAuthentication=no", "KbdInteractiveAuthentication=no"] {
            #expect(command.contains("-o \(option)"))
        }
        #expect(RootfsBuilder.sshdConfig.contains("PasswordAuthentication no"))
        #expect(!RootfsBuilder.sshdConfig.contains("PermitRootLogin yes"))
    }

    @Test func aLeaseKeyIsAnOpenSSHKeyThatSSHKeygenReads() throws {
        let key = OpenSSHKey()
        #expect(key.seed.count == 32)
        #expect(OpenSSHKey(seedBase64: key.seedBase64)?.publicKeyLine() == key.publicKeyLine())
        #expect(OpenSSHKey(seed: Data(count: 31)) == nil && OpenSSHKey(seedBase64: "not base64") == nil)
        let directory = try AllocationTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try TenantTestSupport.writeIdentity(key.privateKeyFile(), in: directory)
        let derived = try AllocationTestSupport.run("/usr/bin/ssh-keygen", ["-y", "-f", path])
        #expect(derived.status == 0, "\(derived.output)")
        let words = derived.output.split(separator: " ")
        #expect(words.count >= 2 && "\(words[0]) \(words[1])" == key.publicKeyLine().split(separator: " ").prefix(2).joined(separator: " "))
        #expect(SSHPublicKey.validated(key.publicKeyLine()) == key.publicKeyLine())
    }

    @Test func onlyPlainPublicKeyLinesAreAccepted() {
        let good = OpenSSHKey().publicKeyLine(comment: "me@laptop")
        #expect(SSHPublicKey.validated("") == "")
        #expect(SSHPublicKey.validated(" \(good) ") == good)
        let blob = good.split(separator: " ")[1]
        for bad in [
            "command=\"rm -rf /\" \(good)",                   // authorized_keys options
            "ssh-rsa \(blob) x",                            // the blob names another type
            "ssh-dss \(blob)",                              // an unknown type
            "ssh-ed25519 AAAA\nssh-ed25519 \(blob)",        // two lines
            "ssh-ed25519 !!!!",                             // not base64
            "ssh-ed25519",                                  // no key
            "ssh-ed25519 \(blob) \(String(repeating: "c", count: 5000))", // too long
            "ssh-ed25519 \(blob) tab\there",                // control characters
        ] {
            #expect(SSHPublicKey.validated(bad) == nil, "\(bad.prefix(60))")
        }
    }

    @Test func credentialsWithASeedStillFitOneRSABlock() throws {
        let pair = try AllocationTestSupport.rsaPair()
        let credentials = Credentials(username: "root", password: "", port: 65535, ed25519Seed: OpenSSHKey().seedBase64)
        let opened = try CredentialEnvelope.open(try CredentialEnvelope.seal(credentials, to: pair.publicPEM),
                                                 privateKeyPEM: pair.privatePEM)
        #expect(opened == credentials)
        // The original's shape (no seed) still reads.
        let old = try JSONDecoder().decode(Credentials.self, from: Data(#"{"username":"root","password":"p","port":1}"#.utf8))
        #expect(old == Credentials(username: "root", password: "p", port: 1))
    }
}
