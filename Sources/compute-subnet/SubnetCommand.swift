import ArgumentParser

/// `compute-subnet subnet`: Read the metagraph and register on a subnet.
struct SubnetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subnet",
        abstract: "Read the metagraph and register on a subnet.",
        subcommands: [SubnetMetagraphCommand.self, SubnetRegisterCommand.self]
    )
}
