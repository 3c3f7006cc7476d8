import Foundation
import Logging

extension AllocationService {
    /// `checking=false, timeline>0`: creates the tenant's container and lease; returns the sealed credentials.
    func allocate(_ request: AllocationRequest, caller: String) async throws(AllocationRefusal) -> String {
        guard await book.active(at: clock()) == nil else { throw .alreadyLeased }
        guard let owner = try? OwnerKey(pem: request.publicKey) else { throw .invalidPublicKey }
        guard let sshKey = Self.validSSHKey(request.dockerRequirement.sshKey) else { throw .invalidSSHKey }
        let requirement = request.deviceRequirement
        let host: ContainerHostInfo
        do { host = try await runtime.hostInfo() } catch { throw .runtime(error) }
        try Self.check(requirement, fits: host)
        let image: String
        do { image = try await configuration.image.ensure(on: runtime) } catch { throw .image(error) }

        let leaseID = UUID().uuidString.lowercased()
        let spec = ContainerSpec(
            name: configuration.containerName, image: image, command: SSHImage.command, hostname: "sn27",
            labels: [Self.leaseLabel: leaseID], containerPort: 22, hostPort: configuration.sshPort,
            hostIP: configuration.hostIP, cpus: requirement.cpuCount.map(Double.init), memoryBytes: requirement.ramBytes,
            pidsLimit: configuration.pidsLimit, gpuCount: requirement.gpuCount ?? 0)
        let password = Self.randomPassword()
        var containerID: String?
        do {
            // No lease is active, so a container under our name is a leftover (a crash mid-allocation).
            if try await runtime.inspectContainer(configuration.containerName) != nil {
                try await runtime.removeContainer(configuration.containerName)
            }
            let id = try await runtime.createContainer(spec)
            containerID = id
            try await runtime.startContainer(id)
            // The password travels in the exec's environment, never in the container's config.
            let status = try await runtime.exec(id, command: ["/bin/sh", "-c", "printf 'root:%s\\n' \"$SN27_PASSWORD\" | chpasswd"],
                                                environment: ["SN27_PASSWORD=\(password)"])
            guard status == 0 else { throw AllocationRefusal.commandFailed("chpasswd", status) }
            if !sshKey.isEmpty { try await installSSHKey(sshKey, in: id) }
            guard await SSHProbe.waitUntilAnswering(host: configuration.probeHost, port: configuration.sshPort,
                                                    within: configuration.sshReadyTimeout)
            else { throw AllocationRefusal.sshNotAnswering(port: configuration.sshPort) }

            let start = clock()
            let days = min(request.timeline, configuration.maximumDays)
            let lease = Lease(id: leaseID, ownerKeyFingerprint: owner.fingerprint, callerHotkey: caller, start: start,
                              expiry: start.addingTimeInterval(Double(days) * configuration.secondsPerDay),
                              containerID: id, containerName: configuration.containerName,
                              sshPort: configuration.sshPort, requirement: requirement)
            let info = try CredentialEnvelope.seal(Credentials(username: "root", password: password, port: configuration.sshPort),
                                                   to: owner)
            try await book.insert(lease)
            logger.info("allocated", metadata: ["lease": "\(leaseID)", "caller": "\(caller)", "days": "\(days)"])
            return info
        } catch {
            if let containerID { try? await runtime.removeContainer(containerID) }
            switch error {
            case let refusal as AllocationRefusal: throw refusal
            case let error as ContainerRuntimeError: throw .runtime(error)
            case let error as LeaseBookError: throw .store(error)
            case let error as CredentialEnvelopeError: throw .envelope(error)
            default: throw .runtime(ContainerRuntimeError(.invalidResponse("\(error)")))
            }
        }
    }

    /// Writes `key` as root's only authorized key.
    func installSSHKey(_ key: String, in containerID: String) async throws {
        let script = "mkdir -p /root/.ssh && chmod 700 /root/.ssh && printf '%s\\n' \"$SN27_SSH_KEY\" > /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys"
        let status = try await runtime.exec(containerID, command: ["/bin/sh", "-c", script], environment: ["SN27_SSH_KEY=\(key)"])
        guard status == 0 else { throw AllocationRefusal.commandFailed("installing the SSH key", status) }
    }

    /// Refuses requirements this host cannot honour instead of silently ignoring them.
    static func check(_ requirement: DeviceRequirement, fits host: ContainerHostInfo) throws(AllocationRefusal) {
        if let cpus = requirement.cpuCount, cpus > host.cpus { throw .exceedsHost("\(cpus) CPUs of \(host.cpus)") }
        if let ram = requirement.ramBytes {
            // Docker's floor is 6 MiB; sshd and a shell need more.
            if ram < 64 << 20 { throw .exceedsHost("ram \(ram) bytes is below 64 MiB") }
            if ram > host.memoryBytes { throw .exceedsHost("ram \(ram) of \(host.memoryBytes) bytes") }
        }
        if let gpus = requirement.gpuCount, gpus > 0, !host.hasNvidiaRuntime {
            throw .exceedsHost("\(gpus) GPUs without an NVIDIA container runtime")
        }
    }

    /// The caller's SSH key if it is one OpenSSH public key line (or empty); `nil` when it is not.
    static func validSSHKey(_ text: String) -> String? {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if key.isEmpty { return "" }
        guard key.utf8.count <= 8192, !key.contains(where: \.isNewline), key.allSatisfy(\.isASCII) else { return nil }
        let words = key.split(separator: " ")
        guard words.count >= 2, Data(base64Encoded: String(words[1])) != nil,
              words[0].hasPrefix("ssh-") || words[0].hasPrefix("ecdsa-") || words[0].hasPrefix("sk-")
        else { return nil }
        return key
    }

    /// 20 characters of [A-Za-z0-9] from the system CSPRNG (≈119 bits).
    static func randomPassword() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
