import Bittensor
import Foundation
import Logging

/// What every validator service works with: the chain, the database, the dendrite and the
/// validator's hotkey, the configuration, and the shared state and metrics.
public struct ValidatorContext: Sendable {
    public let chain: any Subtensor
    public let store: ValidatorStore
    public let dendrite: Dendrite
    /// The validator's hotkey (signs requests and weights).
    public let hotkey: Keypair
    public let configuration: ValidatorConfiguration
    public let state: ValidatorState
    public let metrics: ValidatorMetrics
    public let logger: Logger
    /// The wall clock used for stored timestamps and windows (tests may shift it).
    public let now: @Sendable () -> Date

    public init(chain: any Subtensor, store: ValidatorStore, dendrite: Dendrite, hotkey: Keypair,
                configuration: ValidatorConfiguration, metrics: ValidatorMetrics = ValidatorMetrics(),
                logger: Logger = Logger(label: "sn27.validator"), now: @escaping @Sendable () -> Date = { Date() }) {
        self.chain = chain
        self.store = store
        self.dendrite = dendrite
        self.hotkey = hotkey
        self.configuration = configuration
        self.state = ValidatorState(hotkey: hotkey.ss58Address, netuid: configuration.netuid)
        self.metrics = metrics
        self.logger = logger
        self.now = now
    }

    public var clock: ChainClock { ChainClock(chain: chain, pollInterval: configuration.pollInterval) }
    public var netuid: UInt16 { configuration.netuid }

    /// The miners to query in `metagraph` (never ourselves).
    func queryable(_ metagraph: Metagraph) -> [NeuronInfo] {
        configuration.selection.select(from: metagraph).miners.filter { $0.hotkey != hotkey.ss58Address }
    }
}

/// Seconds since `start`.
func secondsSince(_ start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}
