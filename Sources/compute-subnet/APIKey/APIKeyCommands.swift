import ArgumentParser
import ComputeSubnet
import Foundation

/// Where the keys are: the validator's database.
struct APIKeyStoreOptions: ParsableArguments {
    @OptionGroup var wallet: WalletOptions
    @Option(name: .customLong("db.path"), help: "The validator's database (default: the validator's, under ~/.bittensor/validators/<wallet>/<hotkey>).")
    var dbPath: String?

    func openStore() throws -> ValidatorStore {
        let path = dbPath.map { NSString(string: $0).expandingTildeInPath }
            ?? NSString(string: "~/.bittensor/validators/\(wallet.resolvedName)/\(wallet.resolvedHotkey)/compute-subnet.sqlite")
            .expandingTildeInPath
        do { return try ValidatorStore(path: path) } catch { throw CLIFailure("cannot open the database \(path): \(error)") }
    }
}

/// `api-key create`: make a key and print its token (once).
struct APIKeyCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Make a renter key and print its token (shown once).")
    @OptionGroup var options: APIKeyStoreOptions
    @Option(help: "A unique name for the renter (1-64 characters).") var name: String
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let made: (key: StoredAPIKey, token: String)
        do { made = try await options.openStore().createAPIKey(name: name) } catch let error as StoreError {
            throw CLIFailure(error.description)
        }
        if json {
            struct Out: Encodable { let id: Int64; let name: String; let token: String }
            try printJSON(Out(id: made.key.id, name: made.key.name, token: made.token))
        } else {
            FileHandle.standardError.write(Data("Key '\(made.key.name)' made; its token is shown only now:\n".utf8))
            print(made.token)
        }
    }
}

/// `api-key list`: the keys, never their tokens.
struct APIKeyListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List renter keys (names and dates, never tokens).")
    @OptionGroup var options: APIKeyStoreOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let keys: [StoredAPIKey]
        do { keys = try await options.openStore().apiKeys() } catch let error as StoreError { throw CLIFailure(error.description) }
        if json { try printJSON(keys); return }
        let format = ISO8601DateFormatter()
        for key in keys {
            print("\(key.id)\t\(key.name)\tcreated \(format.string(from: key.createdAt))" +
                  (key.revokedAt.map { "\trevoked \(format.string(from: $0))" } ?? "\tactive"))
        }
    }
}

/// `api-key revoke`: refuse a key from now on.
struct APIKeyRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a renter key; it is refused (401) from now on.")
    @OptionGroup var options: APIKeyStoreOptions
    @Option(help: "The key's name.") var name: String

    func run() async throws {
        let revoked: Bool
        do { revoked = try await options.openStore().revokeAPIKey(name: name) } catch let error as StoreError {
            throw CLIFailure(error.description)
        }
        guard revoked else { throw CLIFailure("no active key named '\(name)' (see 'compute-subnet api-key list')") }
        print("Key '\(name)' revoked.")
    }
}
