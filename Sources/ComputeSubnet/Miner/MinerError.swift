import Bittensor

/// Why a miner could not start or had to stop. Failures of the chain or the axon keep the
/// underlying error as `cause`.
public enum MinerError: Error, Sendable, CustomStringConvertible {
    case notRegistered(hotkey: String, netuid: UInt16)
    case deregistered(hotkey: String, netuid: UInt16)
    /// A chain call failed while the miner was `doing` something (reading the metagraph, serving its axon).
    case chain(doing: String, cause: any Error)
    /// The axon could not start (e.g. the port is taken).
    case axon(cause: any Error)

    public var description: String {
        switch self {
        case let .notRegistered(h, n):
            "hotkey \(h) is not registered on subnet \(n); register it first (compute-subnet subnet register --netuid \(n))"
        case let .deregistered(h, n): "hotkey \(h) was deregistered from subnet \(n); stopping"
        case let .chain(doing, cause): "\(doing) failed: \(cause); check --subtensor.network and that the node is reachable"
        case let .axon(cause): "the axon could not start: \(cause); choose another --axon.port or free it"
        }
    }
}
