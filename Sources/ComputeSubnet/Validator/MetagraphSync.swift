import Bittensor
import Foundation
import ServiceLifecycle

/// Syncs the metagraph at every new block (spec §9.2): shares it with the other services,
/// records which hotkey holds each uid (a uid that changed hands loses its history, §9.3), and
/// stops the validator with `ValidatorError.notRegistered` when its hotkey lost its uid.
public struct MetagraphSync: Service {
    let context: ValidatorContext

    public init(context: ValidatorContext) {
        self.context = context
    }

    /// One sync at the current block. Throws `ValidatorError.notRegistered` when deregistered;
    /// chain errors are thrown as they come.
    @discardableResult
    public func sync() async throws -> Metagraph {
        let metagraph = try await context.chain.metagraph(netuid: context.netuid)
        let own = metagraph.neuron(hotkey: context.hotkey.ss58Address)
        guard let own else {
            throw ValidatorError.notRegistered(hotkey: context.hotkey.ss58Address, netuid: context.netuid)
        }
        var hotkeys: [UInt16: String] = [:]
        for n in metagraph.neurons { hotkeys[n.uid] = n.hotkey }
        let replaced = try await context.store.syncMiners(hotkeys)
        if !replaced.isEmpty {
            context.logger.info("uids changed hands; history of the previous hotkeys deleted", metadata: ["hotkeys": "\(replaced)"])
        }
        await context.state.update(metagraph: metagraph, uid: own.uid)
        context.metrics.block(metagraph.block)
        return metagraph
    }

    public func run() async throws {
        try await runUntilGracefulShutdown {
            var last: UInt64 = 0
            while true {
                do {
                    let metagraph = try await sync()
                    last = metagraph.block
                } catch let error as ValidatorError {
                    context.logger.critical("\(error)")
                    throw error
                } catch is CancellationError {
                    return
                } catch {
                    context.logger.warning("metagraph sync failed; retrying at the next block", metadata: ["error": "\(error)"])
                    last = try await context.clock.current()
                }
                _ = try await context.clock.next(after: last)
            }
        }
    }
}
