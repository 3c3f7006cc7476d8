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
        var containerID: String?
        do {
            // No lease is active, so a container under our name is a leftover (a crash mid-allocation).
            if try await runtime.inspectContainer(configuration.containerName) != nil {
                try await runtime.removeContainer(configuration.containerName)
            }
            let id = try await createTenantContainer(spec, requirement: requirement, host: host)
            containerID = id
            try await runtime.startContainer(id)
            // Key login only: the requester's key, or one made for this lease (its seed goes in the envelope).
            let credentials = try await provisionLogin(sshKey, in: id)
            guard await SSHProbe.waitUntilAnswering(host: configuration.probeHost, port: configuration.sshPort,
                                                    within: configuration.sshReadyTimeout)
            else { throw AllocationRefusal.sshNotAnswering(port: configuration.sshPort) }

            let start = clock()
            let days = min(request.timeline, configuration.maximumDays)
            let lease = Lease(id: leaseID, ownerKeyFingerprint: owner.fingerprint, ownerHotkey: caller, start: start,
                              expiry: start.addingTimeInterval(Double(days) * configuration.secondsPerDay),
                              containerID: id, containerName: configuration.containerName,
                              sshPort: configuration.sshPort, requirement: requirement)
            let info = try CredentialEnvelope.seal(credentials, to: owner)
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

    /// The caller's SSH key if it is one OpenSSH public key line (or empty); `nil` when it is not
    /// (`SSHPublicKey.validated`: known type, consistent blob, no authorized_keys options).
    static func validSSHKey(_ text: String) -> String? {
        SSHPublicKey.validated(text.trimmingCharacters(in: .newlines))
    }
}
