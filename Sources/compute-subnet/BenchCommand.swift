import ArgumentParser

/// `compute-subnet bench`: micro-benchmarks that print ratios against an anchor measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Micro-benchmarks against anchors measured in the same run: keys, axon, flood, validator, tlock, startup.",
        subcommands: [BenchKeysCommand.self, BenchAxonCommand.self, BenchFloodCommand.self, BenchValidatorCommand.self, BenchTlockCommand.self, BenchStartupCommand.self]
    )
}
