/// The loop every periodic validator service runs (challenges, specs, weights): wait for the
/// first metagraph, then at each due block run one round; a failed round is logged and never
/// stops the service; the round (or, after a failure, `afterFailure`) names the next due block.
/// Ends quietly at graceful shutdown.
struct BlockRounds: Sendable {
    let context: ValidatorContext
    /// What a round is, for the log ("challenge round", "weights attempt").
    let name: String

    func run(round: @escaping @Sendable (_ block: UInt64) async throws -> UInt64,
             afterFailure: @escaping @Sendable (_ block: UInt64) async -> UInt64) async throws {
        let context = self.context, name = self.name
        try await runUntilGracefulShutdown {
            _ = try await context.state.waitForMetagraph(poll: context.configuration.pollInterval)
            var next = try await context.clock.current()
            while true {
                let block = try await context.clock.wait(until: next)
                do {
                    next = try await round(block)
                } catch is CancellationError {
                    return
                } catch {
                    context.logger.error("\(name) failed", metadata: ["block": "\(block)", "error": "\(error)"])
                    next = await afterFailure(block)
                }
            }
        }
    }
}
