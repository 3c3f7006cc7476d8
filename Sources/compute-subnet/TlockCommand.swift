import ArgumentParser

/// `compute-subnet tlock`: drand timelock encryption as commit-reveal v4 uses it (bittensor-drand's
/// `get_encrypted_commit_v2` ciphertexts), and a local beacon key for devnets and tests.
struct TlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tlock",
        abstract: "drand timelock (commit-reveal v4): encrypt to a future round, decrypt with its signature, local beacon keys.",
        subcommands: [TlockEncryptCommand.self, TlockDecryptCommand.self, TlockSignCommand.self, TlockPublicKeyCommand.self]
    )
}
