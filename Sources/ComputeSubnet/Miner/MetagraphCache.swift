import Bittensor

/// The latest metagraph a miner knows, shared by the request hooks and the sync loop.
public actor MetagraphCache {
    public private(set) var metagraph: Metagraph

    public init(_ metagraph: Metagraph) { self.metagraph = metagraph }

    public func update(_ next: Metagraph) { metagraph = next }
}
