import ComputeSubnet
import Foundation
import Hummingbird
import Logging
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle
import Synchronization

/// The renters' REST API (`openapi.yaml`), the dashboard at `/`, the document at
/// `/openapi.json`, and the validator's `/metrics` and `/status`, on one Hummingbird server.
/// A `Service`: run it in the validator's `ServiceGroup`; it stops on graceful shutdown. API
/// allocations whose hours ran out are ended by its `AllocationReaper`.
public final class RenterAPIServer: Service, Sendable {
    public struct Configuration: Sendable {
        public var host: String
        /// 0: any free port (read `port` once `waitUntilRunning` returns).
        public var port: Int
        /// Largest request body accepted (413 above).
        public var maxBodySize: Int
        public var rateLimit: RateLimiter.Limit

        public init(host: String = "127.0.0.1", port: Int, maxBodySize: Int = 16 * 1024, rateLimit: RateLimiter.Limit = .init()) {
            self.host = host; self.port = port; self.maxBodySize = maxBodySize; self.rateLimit = rateLimit
        }
    }

    public let configuration: Configuration
    public let environment: APIEnvironment
    private let boundPort = Mutex<Int?>(nil)

    public init(configuration: Configuration, environment: APIEnvironment) {
        self.configuration = configuration
        self.environment = environment
    }

    /// The port listened on, once running.
    public var port: Int? { boundPort.withLock { $0 } }

    /// Waits until the server listens (or `timeout` passes); returns its port.
    public func waitUntilRunning(timeout: Duration = .seconds(10)) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let port { return port }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw APIError(.serviceUnavailable, "the API server did not start listening within \(timeout)")
    }

    /// The router: middlewares, the generated operations and the plain pages.
    func router() throws -> Router<BasicRequestContext> {
        let env = environment, logger = environment.logger
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: HTTPErrorMiddleware(maxBodySize: configuration.maxBodySize, logger: logger))
        router.add(middleware: APIKeyMiddleware(store: env.store, limiter: RateLimiter(limit: configuration.rateLimit)))
        try RenterAPIHandler(environment: env).registerHandlers(on: router, serverURL: URL(string: "/")!,
                                                                 middlewares: [JSONErrorMiddleware(logger: logger)])
        router.get("/openapi.json") { _, _ in
            guard OpenAPIDocument.isAvailable else { throw APIError(.serviceUnavailable, "openapi.yaml is missing next to this binary") }
            return Self.response(OpenAPIDocument.json, type: "application/json")
        }
        router.get("/openapi.yaml") { _, _ in
            guard OpenAPIDocument.isAvailable else { throw APIError(.serviceUnavailable, "openapi.yaml is missing next to this binary") }
            return Self.response(Data(OpenAPIDocument.yaml.utf8), type: "application/yaml")
        }
        router.get("/metrics") { _, _ in Self.response(Data(env.metrics.render().utf8), type: "text/plain; version=0.0.4") }
        router.get("/status") { _, _ in Self.response(await env.state.status.jsonData(), type: "application/json") }
        router.get("/") { _, _ in
            Self.response(Data(try await DashboardPage(environment: env).render().utf8), type: "text/html; charset=utf-8")
        }
        return router
    }

    static func response(_ body: Data, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    public func run() async throws {
        let app = Application(
            router: try router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "sn27-api"),
            services: [AllocationReaper(environment: environment)],
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port
                boundPort.withLock { $0 = port }
                environment.logger.info("renter API listening", metadata: ["port": "\(port ?? 0)"])
            },
            logger: environment.logger)
        try await app.run()
    }
}
