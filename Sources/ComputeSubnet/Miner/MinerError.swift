import Bittensor

/// Why a miner could not start or had to stop.
public enum MinerError: Error, Sendable, CustomStringConvertible {
    case notRegistered(hotkey: String, netuid: UInt16)
    case deregistered(hotkey: String, netuid: UInt16)
    case chain(String)
    case axon(String)
    case docker(String)

    public var description: String {
        switch self {
        case let .notRegistered(h, n):
            "hotkey \(h) is not registered on subnet \(n); register it first (compute-subnet subnet register --netuid \(n))"
        case let .deregistered(h, n): "hotkey \(h) was deregistered from subnet \(n); stopping"
        case let .chain(why): "chain error: \(why)"
        case let .axon(why): "axon error: \(why)"
        case let .docker(why): "docker error: \(why)"
        }
    }
}
