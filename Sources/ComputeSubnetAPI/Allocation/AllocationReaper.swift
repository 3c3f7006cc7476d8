import ComputeSubnet
import Foundation
import ServiceLifecycle

/// Ends API allocations whose `hours` ran out: the miner is asked to end the lease (the miner's
/// own lease is whole days, so without this a renter would keep it until the day ends), then the
/// record is marked ended. Runs every `interval` until graceful shutdown.
struct AllocationReaper: Service {
    let environment: APIEnvironment
    var interval: Duration = .seconds(30)

    /// One pass; returns the ids ended.
    @discardableResult
    func reap() async -> [String] {
        let env = environment, now = env.now()
        guard let expired = try? await env.store.expiredRenterAllocations(at: now) else { return [] }
        var ended: [String] = []
        for allocation in expired {
            do {
                _ = try await env.allocator.deallocate(hotkey: allocation.hotkey)
            } catch {
                // Already forgotten by the validator: only the record is left to end. Otherwise retry next pass.
                guard error.apiError.status == .notFound else {
                    env.logger.warning("could not end an expired API allocation", metadata: [
                        "id": "\(allocation.id)", "hotkey": "\(allocation.hotkey)", "error": "\(error)"])
                    continue
                }
            }
            if (try? await env.store.endRenterAllocation(id: allocation.id, keyID: allocation.keyID, at: now)) != nil {
                ended.append(allocation.id)
                env.logger.info("expired API allocation ended", metadata: ["id": "\(allocation.id)", "hotkey": "\(allocation.hotkey)"])
            }
        }
        return ended
    }

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await reap()
            // The wait ends early on graceful shutdown.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
