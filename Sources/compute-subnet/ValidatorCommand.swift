import ArgumentParser
import Bittensor
import ComputeSubnet
import ComputeSubnetAPI
import Foundation
import Logging

/// `compute-subnet validator`: Run an SN27 validator.
struct ValidatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validator",
        abstract: "Run an SN27 validator.",
        discussion: """
            Challenges the subnet's miners with proof-of-work rounds, collects their specs, scores them from this \
            validator's own database (with verified allocations and penalties) and sets weights. \
            Stops gracefully on SIGTERM/SIGINT; exits with a clear message when the hotkey is not (or no longer) registered.
            """
    )

    @Option(help: "Subnet uid.") var netuid: UInt16 = 27
    @OptionGroup var wallet: WalletOptions
    @OptionGroup var subtensor: SubtensorOptions
    @OptionGroup var logging: LoggingOptions
    @OptionGroup var options: ValidatorOptions

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "sn27.validator")
        var configuration = try options.configuration(netuid: netuid)
        do { try configuration.validate() } catch { throw ValidationError(error.description) }
        configuration.netuid = netuid

        let hotkey: Keypair
        do { hotkey = try wallet.wallet.hotkey(password: .environment()) } catch {
            throw CLIFailure("cannot load the hotkey '\(wallet.resolvedHotkey)' of wallet '\(wallet.resolvedName)' in \(wallet.resolvedPath): \(error)")
        }
        let dbPath = options.resolvedDBPath(wallet: wallet)
        let store: ValidatorStore
        do { store = try ValidatorStore(path: dbPath) } catch { throw CLIFailure("cannot open the database \(dbPath): \(error)") }
        let chain = try await subtensor.makeSubtensor()
        let context = ValidatorContext(chain: chain, store: store, dendrite: Dendrite(keypair: hotkey), hotkey: hotkey,
                                       configuration: configuration, logger: logger)
        let api = options.apiPort.map {
            RenterAPIServer(configuration: .init(host: options.apiHost, port: $0), environment: APIEnvironment(validator: context))
        }
        let validator = Validator(context: context, metricsHost: options.metricsHost, metricsPort: options.metricsPort,
                                  extraServices: api.map { [$0] } ?? [])
        logger.info("validator database", metadata: ["path": "\(dbPath)"])
        do {
            try await validator.run()
        } catch let error as ValidatorError {
            throw CLIFailure(error.description)
        }
    }
}
