import Foundation
import Logging

extension AllocationService {
    /// Brings the engine in line with the lease book when a miner starts: ends expired leases,
    /// starts the tenant's container again if it stopped (a reboot, a daemon restart), forgets a lease
    /// whose container is gone, and removes a leftover allocation container no lease accounts for.
    /// - Throws: `ContainerRuntimeError` when the engine cannot be asked; nothing is changed then.
    public func reconcile() async throws(ContainerRuntimeError) {
        try await runtime.ping()
        await expireDueLeases()
        guard !busy else { return }
        busy = true
        defer { busy = false }
        if let lease = await book.active(at: clock()) {
            // A reboot or firewall reload drops the tenant rules, and Docker may already have restarted
            // the container (restart policy): put the isolation back before anything else.
            var isolated = true
            do { try await prepareIsolation() } catch {
                isolated = false
                logger.error("tenant isolation unavailable; a stopped leased container stays stopped",
                             metadata: ["lease": "\(lease.id)", "error": "\(error)"])
            }
            let status = try await runtime.inspectContainer(lease.containerID)
            switch status?.state {
            case nil:
                logger.warning("the leased container is gone; forgetting the lease", metadata: ["lease": "\(lease.id)"])
                do { try await book.remove(id: lease.id) } catch {
                    logger.error("cannot update the lease store", metadata: ["error": "\(error)"])
                }
            case "created", "exited", "dead":
                guard isolated else { break }
                logger.info("starting the leased container again", metadata: ["lease": "\(lease.id)"])
                try await runtime.startContainer(lease.containerID)
            default:
                break
            }
        }
        let active = await book.active(at: clock())
        for container in try await runtime.containers(withLabel: Self.leaseLabel)
        where container.name == configuration.containerName && container.labels[Self.leaseLabel] != active?.id {
            logger.info("removing an allocation container no lease accounts for", metadata: ["container": "\(container.id)"])
            try await runtime.removeContainer(container.id)
        }
    }
}
