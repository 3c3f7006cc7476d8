import Bittensor

/// A chain that only knows one metagraph (benchmarks): the validator round reads the miners
/// from it; every write fails with `StaticSubtensor.Unsupported`.
package struct StaticSubtensor: Subtensor {
    /// A call the static chain does not serve.
    package struct Unsupported: Error, CustomStringConvertible {
        package let call: String
        package var description: String { "the benchmark's static chain does not serve \(call)" }
    }

    package let graph: Metagraph

    package init(graph: Metagraph) { self.graph = graph }

    package func currentBlock() async throws -> UInt64 { graph.block }
    package func metagraph(netuid: UInt16) async throws -> Metagraph { graph }
    package func isRegistered(hotkey: String, netuid: UInt16) async throws -> Bool { graph.neuron(hotkey: hotkey) != nil }
    package func hyperparameters(netuid: UInt16) async throws -> SubnetHyperparameters { SubnetHyperparameters() }
    package func blocksSinceLastUpdate(netuid: UInt16, uid: UInt16) async throws -> UInt64 { 0 }
    package func serveAxon(netuid: UInt16, axon: AxonInfo, signer: Keypair) async throws { throw Unsupported(call: "serveAxon") }
    package func setWeights(netuid: UInt16, uids: [UInt16], weights: [Double], versionKey: UInt64, signer: Keypair) async throws {
        throw Unsupported(call: "setWeights")
    }
    package func burnedRegister(netuid: UInt16, hotkey: String, coldkey: Keypair) async throws {
        throw Unsupported(call: "burnedRegister")
    }
}
