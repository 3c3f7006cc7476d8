import ArgumentParser

/// `compute-subnet api-key`: renter keys of the validator's REST API.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-key",
        abstract: "Manage renter keys of the validator's REST API (--api.port).",
        discussion: "Keys live, hashed, in the validator's database; a key's token is printed once, when it is made.",
        subcommands: [APIKeyCreateCommand.self, APIKeyListCommand.self, APIKeyRevokeCommand.self]
    )
}
