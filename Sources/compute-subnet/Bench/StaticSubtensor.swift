import Bittensor

/// A chain that only knows one metagraph (benchmarks): the validator round reads the miners
/// from it; every write fails with `StaticSubtensor.Unsupported`.
struct StaticSubtensor: Subtensor {
    /// A call the static chain does not serve.
    struct Unsupported: Error, CustomStringConvertible {
        let call: String
        var description: String { "the benchmark's static chain does not serve \(call)" }
    }

    let graph: Metagraph

    func currentBlock() async throws -> UInt64 { graph.block }
    func metagraph(netuid: UInt16) async throws -> Metagraph { graph }
    func isRegistered(hotkey: String, netuid: UInt16) async throws -> Bool { graph.neuron(hotkey: hotkey) != nil }
    func hyperparameters(netuid: UInt16) async throws -> SubnetHyperparameters { SubnetHyperparameters() }
    func blocksSinceLastUpdate(netuid: UInt16, uid: UInt16) async throws -> UInt64 { 0 }
    func serveAxon(netuid: UInt16, axon: AxonInfo, signer: Keypair) async throws { throw Unsupported(call: "serveAxon") }
    func setWeights(netuid: UInt16, uids: [UInt16], weights: [Double], versionKey: UInt64, signer: Keypair) async throws {
        throw Unsupported(call: "setWeights")
    }
    func burnedRegister(netuid: UInt16, hotkey: String, coldkey: Keypair) async throws {
        throw Unsupported(call: "burnedRegister")
    }
}
