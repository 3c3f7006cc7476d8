import Foundation
import Logging
import NIOCore

/// A JSON-RPC 2.0 client over one WebSocket (ws or wss): request ids, per-request timeouts,
/// reconnection with exponential backoff, and subscriptions (`author_submitAndWatchExtrinsic`,
/// `chain_subscribeNewHeads`). A request in flight when the connection drops fails with
/// `ChainError.connection`; it is never re-sent, so a submission is never duplicated.
public actor RPCClient {
    public struct Configuration: Sendable {
        public var requestTimeout: Duration = .seconds(30)
        public var connectTimeout: Duration = .seconds(10)
        /// Connection attempts per request before giving up (backoff doubles from `initialBackoff`).
        public var connectAttempts = 4
        public var initialBackoff: Duration = .milliseconds(250)
        /// PEM certificates to trust for wss:// instead of the system roots (a private node, tests).
        public var trustRootsPEM: String?
        public init() {}
    }

    public let endpoint: URL
    public let configuration: Configuration
    private let logger: Logger

    private var connection: WebSocketConnection?
    private var connecting: Task<WebSocketConnection, any Error>?
    private var generation = 0
    private var nextId: Int64 = 1
    private var pending: [Int64: CheckedContinuation<JSONValue, any Error>] = [:]
    private var subscriptions: [String: AsyncThrowingStream<JSONValue, any Error>.Continuation] = [:]
    /// Notifications that arrived before their subscription was registered.
    private var early: [String: [JSONValue]] = [:]

    public init(endpoint: URL, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "bittensor.rpc")) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.logger = logger
    }

    /// Calls `method` and returns its `result`. Throws `ChainError.rpc` for a JSON-RPC error
    /// object, `.timeout`, or `.connection`.
    public func request(_ method: String, _ params: [JSONValue] = []) async throws(ChainError) -> JSONValue {
        let conn = try await connected()
        let id = nextId
        nextId += 1
        let text = Self.encode(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .array(params)])
        let timeout = configuration.requestTimeout
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            await self?.fail(id: id, with: .timeout("\(method) after \(timeout)"))
        }
        defer { timer.cancel() }
        do {
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<JSONValue, any Error>) in
                pending[id] = continuation
                Task { await self.send(text, id: id, on: conn) }
            }
        } catch let error as ChainError {
            throw error
        } catch {
            throw .connection("transport", cause: ErrorCause(error))
        }
    }

    /// Subscribes with `method` and returns the notifications' `result`s. The stream ends
    /// with an error when the connection drops.
    public func subscribe(_ method: String, _ params: [JSONValue] = []) async throws(ChainError) -> (id: String, updates: AsyncThrowingStream<JSONValue, any Error>) {
        let result = try await request(method, params)
        guard let id = result.stringValue ?? result.intValue.map({ String($0) }) else {
            throw .decoding("\(method) returned no subscription id: \(result)")
        }
        let (stream, continuation) = AsyncThrowingStream<JSONValue, any Error>.makeStream()
        subscriptions[id] = continuation
        for value in early.removeValue(forKey: id) ?? [] { continuation.yield(value) }
        return (id, stream)
    }

    /// Stops delivering a subscription (the node is told with `unsubscribeMethod` when given).
    public func unsubscribe(_ id: String, method unsubscribeMethod: String? = nil) async {
        subscriptions.removeValue(forKey: id)?.finish()
        if let unsubscribeMethod { _ = try? await request(unsubscribeMethod, [.string(id)]) }
    }

    /// Closes the connection; pending requests fail.
    public func close() {
        connection?.close()
        connection = nil
        connecting?.cancel()
        connecting = nil
        connectionLost(generation: generation)
    }

    // MARK: connection

    private func connected() async throws(ChainError) -> WebSocketConnection {
        if let connection { return connection }
        let task: Task<WebSocketConnection, any Error>
        if let connecting {
            task = connecting
        } else {
            generation += 1
            let gen = generation
            let (url, cfg, log) = (endpoint, configuration, logger)
            task = Task {
                var backoff = cfg.initialBackoff
                var lastError = ChainError.connection("no attempt made")
                for attempt in 1...max(cfg.connectAttempts, 1) {
                    do {
                        // Messages go through one stream, read by one task, so they are handled
                        // in the order the node sent them (a subscription's updates included).
                        let (messages, sink) = AsyncStream<String>.makeStream()
                        let conn = try await WebSocketConnection.connect(
                            url: url, connectTimeout: .nanoseconds(Int64(cfg.connectTimeout / .nanoseconds(1))), trustRootsPEM: cfg.trustRootsPEM,
                            onMessage: { text in sink.yield(text) },
                            onClose: { sink.finish() })
                        Task { [weak self] in
                            for await text in messages { await self?.receive(text) }
                            await self?.connectionLost(generation: gen)
                        }
                        return conn
                    } catch let error as ChainError {
                        lastError = error
                        log.debug("connect attempt \(attempt) to \(url.absoluteString) failed: \(error)")
                        if attempt < cfg.connectAttempts {
                            try await Task.sleep(for: backoff)
                            backoff *= 2
                        }
                    }
                }
                throw lastError
            }
            connecting = task
        }
        do {
            let conn = try await task.value
            connecting = nil
            connection = conn
            return conn
        } catch let error as ChainError {
            connecting = nil
            throw error
        } catch {
            connecting = nil
            throw .connection("transport", cause: ErrorCause(error))
        }
    }

    private func send(_ text: String, id: Int64, on conn: WebSocketConnection) async {
        do { try await conn.send(text) } catch { fail(id: id, with: error) }
    }

    private func fail(id: Int64, with error: ChainError) {
        pending.removeValue(forKey: id)?.resume(throwing: error)
    }

    private func connectionLost(generation gen: Int) {
        guard gen == generation else { return }
        connection = nil
        let waiting = pending
        pending = [:]
        for (_, c) in waiting { c.resume(throwing: ChainError.connection("connection to \(endpoint.absoluteString) closed mid-request")) }
        let subs = subscriptions
        subscriptions = [:]
        early = [:]
        for (_, s) in subs { s.finish(throwing: ChainError.connection("connection to \(endpoint.absoluteString) closed")) }
    }

    // MARK: messages

    private func receive(_ text: String) {
        guard let message = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            logger.warning("ignoring a message that is not JSON")
            return
        }
        if let id = message["id"]?.intValue, let continuation = pending.removeValue(forKey: id) {
            if let error = message["error"], !error.isNull {
                let code = Int(error["code"]?.intValue ?? 0)
                var text = error["message"]?.stringValue ?? "\(error)"
                if let data = error["data"], !data.isNull { text += ": \(data.stringValue ?? data.description)" }
                continuation.resume(throwing: ChainError.rpc(code: code, message: text))
            } else {
                continuation.resume(returning: message["result"] ?? .null)
            }
            return
        }
        if let params = message["params"], let sub = params["subscription"] {
            guard let subId = sub.stringValue ?? sub.intValue.map({ String($0) }) else { return }
            let result = params["result"] ?? .null
            if let stream = subscriptions[subId] {
                stream.yield(result)
            } else if early[subId, default: []].count < 64 {
                early[subId, default: []].append(result)
            }
        }
    }

    static func encode(_ object: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(JSONValue.object(object)), as: UTF8.self)) ?? "{}"
    }
}
