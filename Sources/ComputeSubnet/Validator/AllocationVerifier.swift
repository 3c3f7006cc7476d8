import Bittensor
import Foundation

/// Which of this validator's stored allocations still count (spec §19.2/§19.3 fixed): a lease
/// counts only while it is unexpired in this validator's database *and* the miner confirms it
/// with an `Allocate(checking: true, timeline: 0)` probe carrying the lease's owner public key
/// (the miner answers `status: true` only when that key owns its running container).
public struct AllocationVerifier: Sendable {
    let context: ValidatorContext

    public init(context: ValidatorContext) {
        self.context = context
    }

    /// The owner public key (PEM) of a stored allocation (`StoredAllocation.publicKeyPEM`).
    public static func publicKey(of allocation: StoredAllocation) -> String? { allocation.publicKeyPEM }

    /// Probes every active stored allocation whose miner is in `metagraph`; returns the hotkeys
    /// whose lease the miner confirmed.
    public func verify(metagraph: Metagraph) async throws -> Set<String> {
        let allocations = try await context.store.allocations(activeAt: context.now())
        let timeout = context.configuration.allocationProbeTimeout
        return await withTaskGroup(of: String?.self) { group in
            for allocation in allocations {
                guard let neuron = metagraph.neuron(hotkey: allocation.hotkey), neuron.axon.isServing,
                      let key = Self.publicKey(of: allocation)
                else { continue }
                group.addTask {
                    var probe = Allocate()
                    probe.checking = true
                    probe.timeline = 0
                    probe.publicKey = key
                    let reply = await context.dendrite.call(axon: AxonEndpoint(neuron: neuron), synapse: probe, timeout: timeout)
                    return reply.isSuccess && reply.output["status"]?.boolValue == true ? allocation.hotkey : nil
                }
            }
            var verified: Set<String> = []
            for await hotkey in group { if let hotkey { verified.insert(hotkey) } }
            return verified
        }
    }
}
