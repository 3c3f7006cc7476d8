import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A Bittensor axon: an HTTP/1.1 server that answers synapses, wire-compatible with the Python
/// SDK's axon (routes, headers, signatures, status codes) and hardened where the SDK is not.
///
/// ```swift
/// let axon = Axon(keypair: hotkey, configuration: .init(host: "0.0.0.0", port: 8091))
/// axon.attach(Challenge.self, forward: { synapse, _ in solve(synapse) }, blacklist: { _, ctx in … })
/// try await axon.run()            // as a Service, until graceful shutdown
/// ```
public final class Axon: Service, Sendable {
    /// Why an axon could not start or was used wrongly.
    public enum AxonError: Error, Sendable, CustomStringConvertible {
        case alreadyStarted
        case bindFailed(host: String, port: Int, reason: String)

        public var description: String {
            switch self {
            case .alreadyStarted: "the axon is already started (attach handlers before start)"
            case let .bindFailed(host, port, reason): "cannot listen on \(host):\(port): \(reason)"
            }
        }
    }

    private struct Running: Sendable {
        let channel: any Channel
        let connections: ConnectionLimiter
        let executor: ForwardExecutor
        let port: Int
    }

    private enum State: Sendable {
        case configuring
        /// Between the claim in `start()` and the bind: a second `start()` is refused.
        case starting
        case running(Running)
        case stopped
    }

    /// The hotkey requests must be signed for.
    public let keypair: Keypair
    public let configuration: AxonConfiguration
    private let logger: Logger
    private let routes = Mutex<[AxonRoute]>([])
    private let state = Mutex<State>(.configuring)
    private let nonces: NonceTable
    private let eventLoopGroup: any EventLoopGroup

    /// - Parameter eventLoopGroup: the loops that serve connections; the process-wide
    ///   `MultiThreadedEventLoopGroup.singleton` by default. The axon never shuts them down.
    public init(keypair: Keypair, configuration: AxonConfiguration = AxonConfiguration(),
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "bittensor.axon")) {
        self.keypair = keypair
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        nonces = NonceTable(baseWindow: configuration.nonceBaseWindow, maxTimeout: configuration.maxRequestTimeout)
        attach(PingSynapse.self) { synapse, _ in synapse }
    }

    /// Serves `S` at `/<S.name>`.
    /// - Parameters:
    ///   - forward: fills in the answer; runs on dedicated threads, so it may block.
    ///   - blacklist: sees the synapse as the headers describe it (no body yet); `.deny` → 403.
    ///   - priority: higher runs first when the synapse's queue is busy.
    public func attach<S: Synapse>(
        _ type: S.Type,
        forward: @escaping @Sendable (S, AxonContext) async throws -> S,
        blacklist: (@Sendable (S, AxonContext) async -> AccessDecision)? = nil,
        priority: (@Sendable (S, AxonContext) async -> Double)? = nil
    ) {
        let gate = ForwardGate(maxConcurrent: configuration.maxConcurrentForwards, maxQueued: configuration.maxQueuedForwards)
        let route = AxonRoute(S.self, gate: gate, forward: forward, blacklist: blacklist, priority: priority)
        routes.withLock { r in
            r.removeAll { $0.name == route.name }
            r.append(route)
        }
    }

    /// The bound port once started (the real one when configured with port 0).
    public var port: Int? {
        state.withLock { if case let .running(r) = $0 { r.port } else { nil } }
    }

    /// Binds and starts serving; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        // Claim the start atomically: two concurrent callers cannot both bind.
        let claimed: Bool = state.withLock { s in
            guard case .configuring = s else { return false }
            s = .starting
            return true
        }
        guard claimed else { throw AxonError.alreadyStarted }
        let group = eventLoopGroup
        let executor = ForwardExecutor(minThreads: configuration.forwardThreads)
        let routeList = routes.withLock { $0 }
        let axonInfo = TerminalInfo(ip: configuration.externalIP ?? configuration.host, hotkey: keypair.ss58Address)
        let configuration = self.configuration
        let makeEngine: @Sendable (Int) -> AxonEngine = { [keypair, nonces] port in
            var info = axonInfo
            info.port = configuration.externalPort ?? port
            return AxonEngine(
                routes: Dictionary(routeList.map { ($0.name, $0) }, uniquingKeysWith: { $1 }),
                routeNames: routeList.map(\.name),
                verifier: RequestVerifier(ownHotkey: keypair.ss58Address, nonces: nonces,
                                          maxRequestTimeout: configuration.maxRequestTimeout),
                configuration: configuration, axonInfo: info, executor: executor,
                timerLoops: group)
        }
        let engineBox = Mutex<AxonEngine?>(nil)
        let limiter = ConnectionLimiter(maxTotal: configuration.maxConnections, maxPerIP: configuration.maxConnectionsPerIP)
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = configuration.maxHeaderBytes
        limits.maxHeaderFieldSize = configuration.maxHeaderBytes
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 1024)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.maxMessagesPerRead, value: 16)
                // A client may half-close after sending its request; it still gets its answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelInitializer { channel in
                    guard let engine = engineBox.withLock({ $0 }) else {
                        return channel.close()
                    }
                    // Connection caps, total and per IP: over them the socket is closed at once.
                    let ip = channel.remoteAddress?.ipAddress ?? "?"
                    guard limiter.admit(ip, channel: channel) else { return channel.close() }
                    return channel.pipeline.configureHTTPServerPipeline(
                        withErrorHandling: true, withDecoderLimitConfiguration: limits
                    ).flatMapThrowing {
                        try channel.pipeline.syncOperations.addHandler(AxonHTTPHandler(engine: engine, configuration: configuration))
                    }
                }
                .bind(host: configuration.host, port: configuration.port).get()
        } catch {
            executor.shutdown()
            state.withLock { $0 = .configuring }
            throw AxonError.bindFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        let port = channel.localAddress?.port ?? configuration.port
        engineBox.withLock { $0 = makeEngine(port) }
        state.withLock { $0 = .running(Running(channel: channel, connections: limiter, executor: executor, port: port)) }
        logger.info("axon listening", metadata: ["host": "\(configuration.host)", "port": "\(port)",
                                                  "hotkey": "\(keypair.ss58Address)"])
        return port
    }

    /// Stops accepting, closes the listening socket and every open connection, and releases the
    /// forward threads.
    public func stop() async {
        let running: Running? = state.withLock { s in
            defer { s = .stopped }
            if case let .running(r) = s { return r }
            return nil
        }
        guard let running else { return }
        try? await running.channel.close()
        await running.connections.closeAll()
        running.executor.shutdown()
        logger.info("axon stopped", metadata: ["port": "\(running.port)"])
    }

    /// Runs until graceful shutdown (swift-service-lifecycle), then stops.
    public func run() async throws {
        if port == nil { try await start() }
        try? await gracefulShutdown()
        await stop()
    }
}
