import ArgumentParser

/// `compute-subnet`: the Compute Subnet (SN27) in Swift — miner, validator, register CLI,
/// wallets, proof-of-work tools and an embedded devnet.
@main
struct ComputeSubnetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute-subnet",
        abstract: "Bittensor Compute Subnet (SN27) in Swift: miner, validator, register, wallets, devnet.",
        subcommands: [
            WalletCommand.self,
            PowCommand.self,
            BenchmarkCommand.self,
            BenchCommand.self,
            TlockCommand.self,
            SubnetCommand.self,
            DevnetCommand.self,
            MinerCommand.self,
            ValidatorCommand.self,
            RegisterCommand.self,
            APIKeyCommand.self,
        ]
    )
}
