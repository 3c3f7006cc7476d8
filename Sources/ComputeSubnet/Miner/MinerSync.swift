import Bittensor
import Logging
import ServiceLifecycle

/// Keeps the miner in step with the chain: refreshes the metagraph the request hooks read on
/// every new block, and every `resyncBlocks` re-checks registration (stopping the miner when it
/// was deregistered) and re-serves the axon when the on-chain record differs.
public struct MinerSync: Service {
    let chain: any Subtensor
    let hotkey: Keypair
    let netuid: UInt16
    let served: AxonInfo
    let cache: MetagraphCache
    let resyncBlocks: UInt64
    let poll: Duration
    let logger: Logger

    public init(chain: any Subtensor, hotkey: Keypair, netuid: UInt16, served: AxonInfo, cache: MetagraphCache,
                resyncBlocks: UInt64, poll: Duration, logger: Logger) {
        self.chain = chain; self.hotkey = hotkey; self.netuid = netuid; self.served = served
        self.cache = cache; self.resyncBlocks = resyncBlocks; self.poll = poll; self.logger = logger
    }

    public func run() async throws {
        var lastBlock: UInt64 = 0
        var lastResync: UInt64 = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: poll)
            guard !Task.isShuttingDownGracefully && !Task.isCancelled else { break }
            do {
                let block = try await chain.currentBlock()
                guard block != lastBlock else { continue }
                lastBlock = block
                let metagraph = try await chain.metagraph(netuid: netuid)
                await cache.update(metagraph)
                if block >= lastResync + resyncBlocks {
                    lastResync = block
                    try await resync(metagraph)
                }
            } catch let error as MinerError {
                throw error
            } catch {
                // A chain hiccup must not stop serving: keep the last metagraph and try again.
                logger.warning("chain sync failed; keeping the last metagraph", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Registration check and axon re-serve.
    func resync(_ metagraph: Metagraph) async throws {
        guard let me = metagraph.neuron(hotkey: hotkey.ss58Address) else {
            throw MinerError.deregistered(hotkey: hotkey.ss58Address, netuid: netuid)
        }
        if Self.needsServing(onChain: me.axon, wanted: served) {
            logger.info("on-chain axon differs; serving again", metadata: ["ip": "\(served.ip)", "port": "\(served.port)"])
            try await chain.serveAxon(netuid: netuid, axon: served, signer: hotkey)
        }
    }

    /// True when the chain's record differs from what this miner serves (address, port, version).
    public static func needsServing(onChain: AxonInfo, wanted: AxonInfo) -> Bool {
        onChain.ip != wanted.ip || onChain.port != wanted.port || onChain.version != wanted.version
            || onChain.protocol != wanted.protocol
    }
}
