import ArgumentParser
import Bittensor
import ComputeSubnet
import Foundation

/// Options every `register` subcommand takes: the validator's wallet and chain, the subnet, its database.
struct RegisterOptions: ParsableArguments {
    @Option(help: "Subnet uid.") var netuid: UInt16 = 27
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var subtensor: SubtensorOptions
    @Option(name: .customLong("db.path"), help: "The validator's database (default: the validator's, under ~/.bittensor/validators/<wallet>/<hotkey>).")
    var dbPath: String?

    var resolvedDBPath: String {
        if let dbPath { return NSString(string: dbPath).expandingTildeInPath }
        return NSString(string: "~/.bittensor/validators/\(wallet.resolvedName)/\(wallet.resolvedHotkey)/compute-subnet.sqlite")
            .expandingTildeInPath
    }

    func openStore() throws -> ValidatorStore {
        let path = resolvedDBPath
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        do { return try ValidatorStore(path: path) } catch { throw CLIFailure("cannot open the database \(path): \(error)") }
    }

    /// Runs `body` with an allocation client signing with the validator's hotkey; closes its
    /// connections afterwards. `RegisterError`s become one-line CLI failures.
    func withClient<T>(storePassword: Bool = false, _ body: (AllocationClient) async throws -> T) async throws -> T {
        var (client, dendrite) = try await makeClient()
        client.storePassword = storePassword
        do {
            let result = try await body(client)
            try? await dendrite.shutdown()
            return result
        } catch let error as RegisterError {
            try? await dendrite.shutdown()
            throw CLIFailure(error.description)
        } catch {
            try? await dendrite.shutdown()
            throw error
        }
    }

    /// The allocation client, signing with the validator's hotkey.
    func makeClient() async throws -> (AllocationClient, Dendrite) {
        let hotkey: Keypair
        do {
            hotkey = try Wallet(path: wallet.resolvedPath, name: wallet.resolvedName, hotkey: wallet.resolvedHotkey).hotkey()
        } catch {
            throw CLIFailure("cannot load the hotkey: \(error)")
        }
        let dendrite = Dendrite(keypair: hotkey)
        let client = AllocationClient(chain: try await subtensor.makeSubtensor(), dendrite: dendrite,
                                      store: try openStore(), netuid: netuid)
        return (client, dendrite)
    }
}
