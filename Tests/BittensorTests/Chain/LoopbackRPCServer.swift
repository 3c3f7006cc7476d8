import Bittensor
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import Synchronization

/// A JSON-RPC 2.0 WebSocket server on 127.0.0.1 (port chosen by the OS) for client tests.
/// Each request goes to `respond`, whose reply decides what goes back on the wire.
final class LoopbackRPCServer: Sendable {
    enum Reply: Sendable {
        case result(JSONValue)
        case error(code: Int, message: String)
        /// Reply with a subscription id, then send `notifications` on it.
        case subscription(id: String, notifications: [JSONValue])
        /// Close the connection without answering.
        case drop
        /// Never answer.
        case silence
    }

    typealias Responder = @Sendable (_ method: String, _ params: [JSONValue]) -> Reply

    let port: Int
    var url: URL { URL(string: "ws://127.0.0.1:\(port)")! }
    private let channel: any Channel
    private let log = Mutex<[String]>([])

    /// Methods received, in order.
    var methods: [String] { log.withLock { $0 } }

    /// `tls`: serve wss:// with this context.
    init(tls: NIOSSLContext? = nil, respond: @escaping Responder) async throws {
        let server = ServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                if let tls {
                    do { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) } catch {
                        return channel.eventLoop.makeFailedFuture(error)
                    }
                }
                let upgrader = NIOWebSocketServerUpgrader(
                    maxFrameSize: 1 << 24,
                    shouldUpgrade: { channel, _ in channel.eventLoop.makeSucceededFuture(HTTPHeaders()) },
                    upgradePipelineHandler: { channel, _ in
                        channel.pipeline.addHandler(FrameHandler(respond: respond, record: { server.record($0) }))
                    })
                return channel.pipeline.configureHTTPServerPipeline(withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        server.target = self
    }

    fileprivate func record(_ method: String) { log.withLock { $0.append(method) } }

    func stop() async {
        try? await channel.close()
    }

    /// Late-bound back reference so the child handlers can log into the server.
    private final class ServerBox: Sendable {
        private let inner = Mutex<LoopbackRPCServer?>(nil)
        var target: LoopbackRPCServer? {
            get { inner.withLock { $0 } }
            set { inner.withLock { $0 = newValue } }
        }
        func record(_ method: String) { target?.record(method) }
    }

    private final class FrameHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = WebSocketFrame
        typealias OutboundOut = WebSocketFrame
        let respond: Responder
        let record: @Sendable (String) -> Void
        var partial: ByteBuffer?

        init(respond: @escaping Responder, record: @escaping @Sendable (String) -> Void) {
            self.respond = respond
            self.record = record
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            switch frame.opcode {
            case .text:
                if frame.fin { handle(String(buffer: frame.unmaskedData), context: context) } else { partial = frame.unmaskedData }
            case .continuation:
                var more = frame.unmaskedData
                partial?.writeBuffer(&more)
                if frame.fin, let whole = partial { partial = nil; handle(String(buffer: whole), context: context) }
            case .connectionClose:
                context.close(promise: nil)
            default: break
            }
        }

        private func handle(_ text: String, context: ChannelHandlerContext) {
            guard let request = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
                  let method = request["method"]?.stringValue else { return }
            let id = request["id"] ?? .null
            var params: [JSONValue] = []
            if case let .array(p)? = request["params"] { params = p }
            record(method)
            switch respond(method, params) {
            case let .result(value):
                send(["jsonrpc": "2.0", "id": id, "result": value], context: context)
            case let .error(code, message):
                send(["jsonrpc": "2.0", "id": id, "error": .object(["code": .int(Int64(code)), "message": .string(message)])], context: context)
            case let .subscription(subId, notifications):
                send(["jsonrpc": "2.0", "id": id, "result": .string(subId)], context: context)
                for n in notifications {
                    send(["jsonrpc": "2.0", "method": "author_extrinsicUpdate",
                          "params": .object(["subscription": .string(subId), "result": n])], context: context)
                }
            case .drop:
                context.close(promise: nil)
            case .silence:
                break
            }
        }

        private func send(_ object: [String: JSONValue], context: ChannelHandlerContext) {
            let text = String(decoding: (try? JSONEncoder().encode(JSONValue.object(object))) ?? Data(), as: UTF8.self)
            var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
            buffer.writeString(text)
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: buffer)), promise: nil)
        }
    }
}
