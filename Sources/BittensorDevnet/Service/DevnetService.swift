import Logging
import ServiceLifecycle

/// The block producer: takes the devnet's producer lock, then on every clock tick produces a
/// block (running the epochs that fall on it) and hands the block report, with the event-log
/// lines written since the previous block by any process, to `onBlock`.
/// Stops at graceful shutdown (SIGINT/SIGTERM in a `ServiceGroup`) or cancellation.
public struct DevnetService: Service {
    let chain: DevnetChain
    let clock: BlockClock
    let logger: Logger
    let onBlock: @Sendable (BlockReport, [DevnetEvent]) -> Void

    /// - Parameters:
    ///   - clock: the block clock; nil uses the block time stored at `devnet init`.
    ///   - onBlock: called after each block, on the service's task.
    public init(chain: DevnetChain, clock: BlockClock? = nil, logger: Logger,
                onBlock: @escaping @Sendable (BlockReport, [DevnetEvent]) -> Void = { _, _ in }) async throws {
        self.chain = chain
        if let clock { self.clock = clock } else { self.clock = try BlockClock(seconds: await chain.blockTime()) }
        self.logger = logger
        self.onBlock = onBlock
    }

    public func run() async throws {
        let lock = try ProducerLock(path: chain.store.path)
        defer { withExtendedLifetime(lock) {} }
        var lastEvent = try await chain.lastEventID()
        logger.info("devnet producing blocks", metadata: ["path": "\(chain.store.path)", "interval": "\(clock.interval)"])
        for await _ in clock.ticks().cancelOnGracefulShutdown() {
            // A block once begun is produced and reported as one step: the work runs in a task
            // that does not inherit our cancellation, so a shutdown arriving between writing the
            // block and reading its events cannot leave a block on the chain nobody was told of.
            let after = lastEvent
            let (report, events) = try await Task { [chain] in
                let report = try await chain.produceBlock()
                return (report, try await chain.events(after: after))
            }.value
            lastEvent = events.last?.id ?? lastEvent
            onBlock(report, events)
        }
        logger.info("devnet stopped")
    }
}
