import ArgumentParser

/// `compute-subnet devnet`: run and manage the embedded devnet (a whole subnet on one machine).
struct DevnetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devnet",
        abstract: "Run and manage the embedded devnet.",
        discussion: """
            The devnet keeps its chain in one SQLite file under --devnet.path; miners, validators \
            and these commands share it. Only `devnet start` produces blocks: while it is stopped \
            the chain is halted at its last block.
            """,
        subcommands: [
            DevnetInitCommand.self,
            DevnetStartCommand.self,
            DevnetFundCommand.self,
            DevnetStakeCommand.self,
            DevnetRegisterCommand.self,
            DevnetStatusCommand.self,
            DevnetAdvanceCommand.self,
        ]
    )
}
