import ArgumentParser
import Bittensor
import BittensorDevnet
import Foundation

/// The chain flags, as btcli: `--subtensor.network finney|test|local|devnet`,
/// `--subtensor.chain_endpoint ws(s)://…` (wins when given), and `--devnet.path` for the
/// embedded devnet.
struct SubtensorOptions: ParsableArguments {
    @Option(name: .customLong("subtensor.network"), help: "finney, test, local or devnet (default: devnet).")
    var network: String?

    @Option(name: .customLong("subtensor.chain_endpoint"), help: "A ws:// or wss:// endpoint; wins over --subtensor.network.")
    var chainEndpoint: String?

    @Option(name: .customLong("devnet.path"), help: "The embedded devnet's folder (default ~/.bittensor/devnet).")
    var devnetPath: String?

    /// The network name after defaults (`BT_SUBTENSOR_NETWORK`, then devnet).
    var resolvedNetwork: String {
        network ?? ProcessInfo.processInfo.environment["BT_SUBTENSOR_NETWORK"] ?? "devnet"
    }

    var resolvedDevnetPath: String {
        NSString(string: devnetPath ?? "~/.bittensor/devnet").expandingTildeInPath
    }

    /// True when the embedded devnet is selected (and no endpoint overrides it).
    var isDevnet: Bool { chainEndpoint == nil && resolvedNetwork == "devnet" }

    /// The chain to talk to. The devnet branch is filled in by the devnet work, the
    /// WebSocket branch by the Subtensor client work.
    func makeSubtensor() async throws -> any Subtensor {
        if isDevnet { return try DevnetChain(path: resolvedDevnetPath) }
        let endpoint = chainEndpoint ?? ProcessInfo.processInfo.environment["BT_SUBTENSOR_CHAIN_ENDPOINT"]
        return SubstrateClient(endpoint: try Network.endpoint(network: resolvedNetwork, chainEndpoint: endpoint))
    }
}
