import Foundation
import Logging

extension AllocationService {
    /// Creates the tenant network (inter-container traffic off) and installs the firewall rules
    /// around it; both steps are idempotent. Nothing happens when `TenantPolicy.isolation` is off.
    /// - Throws: `TenantIsolationError`; allocations are refused then (never run unisolated by surprise).
    public func prepareIsolation() async throws(TenantIsolationError) {
        let policy = configuration.tenant
        guard policy.isolation else { return }
        let network: NetworkInfo
        do {
            network = try await runtime.ensureNetwork(NetworkSpec(name: policy.network, interContainer: false,
                                                                  labels: ["org.compute-subnet.tenants": "1"]))
        } catch {
            throw TenantIsolationError(.runtime(error))
        }
        guard !network.interContainer else { throw TenantIsolationError(.networkAllowsInterContainer(network.name)) }
        try await TenantFirewall(bridge: network.bridge, blocked: policy.blockedDestinations, logger: logger).apply()
    }

    /// Creates the tenant's container from `spec` confined by `configuration.tenant`: capabilities,
    /// no-new-privileges, limits that always apply, the isolated network, a disk limit where the
    /// storage driver enforces one. Returns the container id.
    func createTenantContainer(_ spec: ContainerSpec, requirement: DeviceRequirement,
                               host: ContainerHostInfo) async throws(AllocationRefusal) -> String {
        let policy = configuration.tenant
        do { try await prepareIsolation() } catch {
            logger.error("tenant isolation unavailable; refusing the allocation", metadata: ["error": "\(error)"])
            throw .exceedsHost("tenant isolation: \(error)")
        }
        if !policy.isolation {
            logger.warning("tenant isolation is off: the tenant can reach this host's services and 169.254.0.0/16")
        }
        let limits = policy.limits(for: requirement, on: host)
        var diskQuota = TenantPolicy.mayLimitDisk(host)
        if !diskQuota, policy.requireDiskQuota {
            throw .exceedsHost("no disk quota on storage driver \(host.storageDriver)/\(host.backingFilesystem)")
        }
        var confined = policy.confine(spec, limits: limits, pidsLimit: configuration.pidsLimit, diskQuota: diskQuota)
        let id: String
        do {
            do {
                id = try await runtime.createContainer(confined)
            } catch let error where diskQuota && Self.isStorageOptRefusal(error) && !policy.requireDiskQuota {
                logger.warning("the storage driver refused a size limit; creating the container without one",
                               metadata: ["error": "\(error)"])
                diskQuota = false
                confined.diskBytes = nil
                id = try await runtime.createContainer(confined)
            }
        } catch {
            throw .runtime(error)
        }
        logConfinement(id, limits: limits, diskQuota: diskQuota, host: host)
        return id
    }

    /// Logs the limits of a new container, and warns when its disk is not limited.
    private func logConfinement(_ id: String, limits: TenantLimits, diskQuota: Bool, host: ContainerHostInfo) {
        let disk = diskQuota ? "\(limits.diskBytes) bytes" : "unlimited"
        if !diskQuota {
            logger.warning("the tenant's disk is not limited: storage driver \(host.storageDriver) on \(host.backingFilesystem) has no quota (use overlay2 on xfs with pquota, btrfs or zfs)")
        }
        logger.info("tenant confined", metadata: [
            "container": "\(id)", "cpus": "\(limits.cpus)", "memory": "\(limits.memoryBytes)",
            "pids": "\(configuration.pidsLimit)", "disk": "\(disk)",
            "capabilities": "\(configuration.tenant.capabilities.joined(separator: ","))",
            "network": "\(configuration.tenant.isolation ? configuration.tenant.network : "default bridge (not isolated)")",
        ])
    }

    /// Gives root a key login: the requester's `sshKey`, or a fresh ed25519 key for this lease whose
    /// seed goes back in the envelope. Password login stays off (`SSHImage.command`).
    /// - Returns: the credentials to seal (port filled in by the caller).
    func provisionLogin(_ sshKey: String, in containerID: String) async throws -> Credentials {
        if !sshKey.isEmpty {
            try await installSSHKey(sshKey, in: containerID)
            return Credentials(username: "root", password: "", port: configuration.sshPort)
        }
        let key = OpenSSHKey()
        try await installSSHKey(key.publicKeyLine(), in: containerID)
        return Credentials(username: "root", password: "", port: configuration.sshPort, ed25519Seed: key.seedBase64)
    }

    /// Whether the engine refused `--storage-opt size` (storage without quota support).
    static func isStorageOptRefusal(_ error: ContainerRuntimeError) -> Bool {
        guard case let .api(_, message) = error.reason else { return false }
        let text = message.lowercased()
        return text.contains("storage-opt") || text.contains("storageopt") || text.contains("pquota")
            || text.contains("storage opt")
    }
}
