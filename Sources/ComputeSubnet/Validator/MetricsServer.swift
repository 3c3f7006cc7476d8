import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A small HTTP/1.1 server for the validator's observability: `GET /metrics` (Prometheus text
/// format) and `GET /status` (JSON, `ValidatorStatus`). Anything else is 404; only GET/HEAD.
public final class MetricsServer: Service, Sendable {
    public let host: String
    public let requestedPort: Int
    let metrics: ValidatorMetrics
    let state: ValidatorState
    let logger: Logger
    let eventLoopGroup: any EventLoopGroup
    private let running = Mutex<(any Channel)?>(nil)
    /// Open connections, closed at stop: the event loops are shared and outlive this server.
    private let connections = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// - Parameter eventLoopGroup: the process-wide loops by default; never shut down here.
    public init(host: String = "0.0.0.0", port: Int, metrics: ValidatorMetrics, state: ValidatorState,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "sn27.validator.metrics")) {
        self.eventLoopGroup = eventLoopGroup
        self.host = host
        self.requestedPort = port
        self.metrics = metrics
        self.state = state
        self.logger = logger
    }

    /// The bound port once started.
    public var port: Int? { running.withLock { $0?.localAddress?.port } }

    /// Binds and starts serving; returns the bound port.
    @discardableResult
    public func start() async throws -> Int {
        let metrics = self.metrics, state = self.state
        let channel = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                track(channel)
                return channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(metrics: metrics, state: state))
                }
            }
            .bind(host: host, port: requestedPort).get()
        running.withLock { $0 = channel }
        let port = channel.localAddress?.port ?? requestedPort
        logger.info("metrics listening", metadata: ["host": "\(host)", "port": "\(port)"])
        return port
    }

    private func track(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in _ = connections.withLock { $0.removeValue(forKey: id) } }
    }

    /// Stops serving: the listening socket and every open connection are closed.
    public func stop() async {
        guard let channel = running.withLock({ r in defer { r = nil }; return r }) else { return }
        try? await channel.close()
        for open in connections.withLock({ Array($0.values) }) { try? await open.close() }
    }

    public func run() async throws {
        if port == nil { try await start() }
        try? await gracefulShutdown()
        await stop()
    }
}

/// Answers one request at a time per connection.
private final class MetricsHTTPHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let metrics: ValidatorMetrics
    let state: ValidatorState
    private var head: HTTPRequestHead?

    init(metrics: ValidatorMetrics, state: ValidatorState) {
        self.metrics = metrics
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
            let keepAlive = head.isKeepAlive
            let loop = context.eventLoop
            let ctx = NIOLoopBound(context, eventLoop: loop)
            guard head.method == .GET || head.method == .HEAD else {
                respond(ctx.value, status: .methodNotAllowed, type: "text/plain", body: Array("method not allowed\n".utf8), keepAlive: keepAlive, head: false)
                return
            }
            let isHead = head.method == .HEAD
            switch path {
            case "/metrics":
                respond(context, status: .ok, type: "text/plain; version=0.0.4; charset=utf-8",
                        body: Array(metrics.render().utf8), keepAlive: keepAlive, head: isHead)
            case "/status":
                let state = self.state
                let promise = loop.makePromise(of: Data.self)
                promise.completeWithTask { await state.status.jsonData() }
                promise.futureResult.whenSuccess { data in
                    self.respond(ctx.value, status: .ok, type: "application/json", body: Array(data), keepAlive: keepAlive, head: isHead)
                }
            default:
                respond(context, status: .notFound, type: "text/plain", body: Array("not found\n".utf8), keepAlive: keepAlive, head: isHead)
            }
        }
    }

    private func respond(_ context: ChannelHandlerContext, status: HTTPResponseStatus, type: String, body: [UInt8],
                         keepAlive: Bool, head isHead: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: type)
        headers.add(name: "content-length", value: String(body.count))
        if !keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if !isHead { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil) }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
