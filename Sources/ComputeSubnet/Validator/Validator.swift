import Bittensor
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// An SN27 validator: the metagraph sync, challenge, specs and weights services (and the
/// `/metrics` server when a port is given) in one `ServiceGroup` that stops gracefully on
/// SIGTERM/SIGINT. A service that fails for good (deregistration) stops the whole group, and
/// `run()` throws its error.
public struct Validator: Sendable {
    public let context: ValidatorContext
    /// The `/metrics` + `/status` server, when enabled.
    public let metricsServer: MetricsServer?
    /// Services run alongside (the renter API), started after the validator's own.
    public let extraServices: [any Service]

    /// - Parameter metricsPort: serve `/metrics` and `/status` on this port (0: any free port); `nil`: no server.
    /// - Parameter extraServices: more services for the group (the renter API server).
    public init(context: ValidatorContext, metricsHost: String = "0.0.0.0", metricsPort: Int? = nil,
                extraServices: [any Service] = []) {
        self.context = context
        self.extraServices = extraServices
        metricsServer = metricsPort.map {
            MetricsServer(host: metricsHost, port: $0, metrics: context.metrics, state: context.state,
                          logger: context.logger)
        }
    }

    /// Checks the configuration and that our hotkey is registered; fails fast with a clear error.
    public func preflight() async throws {
        try context.configuration.validate()
        guard context.hotkey.secretKey != nil else { throw ValidatorError.missingSecret(hotkey: context.hotkey.ss58Address) }
        guard try await context.chain.isRegistered(hotkey: context.hotkey.ss58Address, netuid: context.netuid) else {
            throw ValidatorError.notRegistered(hotkey: context.hotkey.ss58Address, netuid: context.netuid)
        }
    }

    /// The services, in start order.
    public var services: [any Service] {
        // First in, last out: the dendrite's pool closes after every service that uses it.
        var list: [any Service] = [DendriteService(dendrite: context.dendrite), MetagraphSync(context: context),
                                   ChallengeService(context: context)]
        // A service that returns ends its group, so the specs round is left out rather than
        // returning at once when hardware queries are off.
        if context.configuration.performHardwareQuery { list.append(SpecsService(context: context)) }
        list.append(WeightSetter(context: context))
        if let metricsServer { list.append(metricsServer) }
        return list + extraServices
    }

    /// A service group running every service; stops on `signals` (none by default, for tests).
    public func serviceGroup(signals: [UnixSignal] = []) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(services: services.map { .init(service: $0) },
                                                      gracefulShutdownSignals: signals, logger: context.logger)
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        return ServiceGroup(configuration: configuration)
    }

    /// Runs until SIGTERM/SIGINT, or until a service fails for good (its error is thrown).
    /// The dendrite's pool is closed when it returns or throws.
    public func run() async throws {
        do { try await preflight() } catch {
            try? await context.dendrite.shutdown()
            throw error
        }
        context.logger.info("validator starting", metadata: [
            "hotkey": "\(context.hotkey.ss58Address)", "netuid": "\(context.netuid)",
            "version": "\(ComputeSubnetVersion.string)",
        ])
        try await serviceGroup(signals: [.sigterm, .sigint]).run()
    }
}
