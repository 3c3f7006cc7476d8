import Bittensor
import BittensorDevnet
import ComputeSubnet
import Foundation

/// What the Docker allocation tests share: SN27 on a devnet with a staked validator and one miner
/// registered (both under //Alice's coldkey), and the configuration of an in-process miner that
/// rents a real container.
enum DockerMinerFixture {
    static func register(on chain: DevnetChain, validator: String, miner: String) async throws {
        let alice = try Keypair(uri: "//Alice")
        _ = try await chain.register(netuid: 27, hotkey: validator, coldkey: alice.ss58Address)
        try await chain.addStake(hotkey: validator, rao: 5000 * 1_000_000_000)
        _ = try await chain.register(netuid: 27, hotkey: miner, coldkey: alice.ss58Address)
    }

    /// A native-PoW miner on 127.0.0.1 whose containers are named `<prefix>-…`, with its data in
    /// `dir/miner` and the SSH image cache shared with the other tests.
    static func minerConfiguration(dir: String, containerPrefix: String, sshPort: Int) -> MinerConfiguration {
        var config = MinerConfiguration()
        config.axon = AxonConfiguration(host: "127.0.0.1", port: 0)
        config.pow.backend = .native
        config.containerName = "\(containerPrefix)-\(UUID().uuidString.prefix(8))"
        config.dataPath = dir + "/miner"
        config.sshPort = sshPort
        config.imageCacheDirectory = (ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? NSHomeDirectory() + "/.cache")
            + "/compute-subnet/ssh-image"
        return config
    }
}
