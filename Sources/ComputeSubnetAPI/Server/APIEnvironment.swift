import Bittensor
import ComputeSubnet
import Foundation
import Logging

/// What the API reads and acts on: the validator's database, its live state and metrics, and
/// the allocator that rents miners out with the validator's wallet.
public struct APIEnvironment: Sendable {
    public let store: ValidatorStore
    public let state: ValidatorState
    public let metrics: ValidatorMetrics
    public let allocator: any RenterAllocator
    /// The scoring window the history and success rates cover.
    public var window: StatsWindow
    public var logger: Logger
    public let now: @Sendable () -> Date

    public init(store: ValidatorStore, state: ValidatorState, metrics: ValidatorMetrics, allocator: any RenterAllocator,
                window: StatsWindow = StatsWindow(), logger: Logger = Logger(label: "sn27.api"),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store; self.state = state; self.metrics = metrics; self.allocator = allocator
        self.window = window; self.logger = logger; self.now = now
    }

    /// The environment of a running validator: its store, state and metrics, allocating with its hotkey.
    public init(validator context: ValidatorContext) {
        let client = AllocationClient(chain: context.chain, dendrite: context.dendrite, store: context.store,
                                      netuid: context.netuid, logger: context.logger)
        self.init(store: context.store, state: context.state, metrics: context.metrics,
                  allocator: WalletAllocator(client: client), logger: context.logger, now: context.now)
    }
}
