import Bittensor
import Foundation
import ServiceLifecycle

/// The validator's block clock: polls the chain's head (`currentBlock()`) every `pollInterval`
/// seconds. Works for any block time, fractional devnet ones included; a failed poll is retried
/// at the next interval (a chain endpoint that drops for a while only delays the services).
public struct ChainClock: Sendable {
    public let chain: any Subtensor
    /// Seconds between polls.
    public let pollInterval: Double

    public init(chain: any Subtensor, pollInterval: Double) {
        self.chain = chain
        self.pollInterval = pollInterval
    }

    /// The current block, retried until the chain answers. Throws only `CancellationError`.
    public func current() async throws -> UInt64 {
        while true {
            try Task.checkCancellation()
            if let block = try? await chain.currentBlock() { return block }
            try await sleep()
        }
    }

    /// Waits until the head reaches `block` (returns at once when it already has); returns the head.
    public func wait(until block: UInt64) async throws -> UInt64 {
        while true {
            let head = try await current()
            if head >= block { return head }
            try await sleep()
        }
    }

    /// Waits for the first block after `block`.
    public func next(after block: UInt64) async throws -> UInt64 {
        try await wait(until: block + 1)
    }

    private func sleep() async throws {
        try await Task.sleep(for: .milliseconds(Int64(pollInterval * 1000)))
    }
}

/// Runs a service loop until graceful shutdown: the loop is cancelled then, and the
/// `CancellationError` it ends with is a normal stop, not a failure.
func runUntilGracefulShutdown(_ body: @escaping @Sendable () async throws -> Void) async throws {
    do {
        try await cancelWhenGracefulShutdown(body)
    } catch is CancellationError {
        return
    }
}
