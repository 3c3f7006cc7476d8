import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// One WebSocket client connection (ws or wss with SNI) that delivers whole text messages.
/// Frames are reassembled from continuations, pings are answered, client frames are masked.
final class WebSocketConnection: Sendable {
    private let channel: any Channel

    private init(channel: any Channel) { self.channel = channel }

    /// Connects and upgrades to WebSocket. `onMessage` gets each text message; `onClose` is
    /// called once when the connection ends, for whatever reason.
    static func connect(
        url: URL, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: TimeAmount, trustRootsPEM: String? = nil,
        onMessage: @escaping @Sendable (String) -> Void, onClose: @escaping @Sendable () -> Void
    ) async throws(ChainError) -> WebSocketConnection {
        guard let scheme = url.scheme?.lowercased(), scheme == "ws" || scheme == "wss", let host = url.host, !host.isEmpty else {
            throw .connection("endpoint \(url.absoluteString) is not a ws:// or wss:// URL")
        }
        let tls = scheme == "wss"
        let port = url.port ?? (tls ? 443 : 80)
        let path = url.path.isEmpty ? "/" : url.path + (url.query.map { "?\($0)" } ?? "")
        let sslContext: NIOSSLContext?
        do {
            var config = TLSConfiguration.makeClientConfiguration()
            if let trustRootsPEM { config.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(trustRootsPEM.utf8))) }
            sslContext = tls ? try NIOSSLContext(configuration: config) : nil
        } catch {
            throw .connection("TLS setup failed", cause: ErrorCause(error))
        }
        let hostHeader = (tls && port == 443) || (!tls && port == 80) ? host : "\(host):\(port)"

        enum Upgrade: Sendable { case websocket(any Channel), refused }
        do {
            let upgrade: EventLoopFuture<Upgrade> = try await ClientBootstrap(group: group)
                .connectTimeout(connectTimeout)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let sslContext {
                            // SNI only for names, not IP literals.
                            let sni = host.contains(":") || host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : host
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: sni))
                        }
                        let upgrader = NIOTypedWebSocketClientUpgrader<Upgrade>(
                            maxFrameSize: 1 << 26,
                            upgradePipelineHandler: { channel, _ in
                                channel.eventLoop.makeCompletedFuture {
                                    try channel.pipeline.syncOperations.addHandler(
                                        MessageHandler(onMessage: onMessage, onClose: onClose))
                                    return Upgrade.websocket(channel)
                                }
                            })
                        // The TCP connect timeout does not cover a server that accepts and never
                        // upgrades: close the channel if no WebSocket handler is in place by then.
                        channel.eventLoop.scheduleTask(in: connectTimeout) {
                            channel.pipeline.handler(type: MessageHandler.self).whenFailure { _ in channel.close(promise: nil) }
                        }
                        var headers = HTTPHeaders()
                        headers.add(name: "Host", value: hostHeader)
                        headers.add(name: "Content-Length", value: "0")
                        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)
                        let config = NIOTypedHTTPClientUpgradeConfiguration<Upgrade>(
                            upgradeRequestHead: head, upgraders: [upgrader],
                            notUpgradingCompletionHandler: { channel in channel.eventLoop.makeCompletedFuture { .refused } })
                        return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                            configuration: .init(upgradeConfiguration: config))
                    }
                }
            switch try await upgrade.get() {
            case let .websocket(channel): return WebSocketConnection(channel: channel)
            case .refused: throw ChainError.connection("\(url.absoluteString) refused the WebSocket upgrade")
            }
        } catch let error as ChainError {
            throw error
        } catch {
            throw .connection("\(url.absoluteString)", cause: ErrorCause(error))
        }
    }

    /// Sends one text message.
    func send(_ text: String) async throws(ChainError) {
        var buffer = channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        let frame = WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: buffer)
        do { try await channel.writeAndFlush(frame) } catch {
            throw .connection("send failed", cause: ErrorCause(error))
        }
    }

    func close() {
        channel.close(promise: nil)
    }

    /// Reassembles text messages and answers pings.
    private final class MessageHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = WebSocketFrame
        typealias OutboundOut = WebSocketFrame

        private let onMessage: @Sendable (String) -> Void
        private let onClose: @Sendable () -> Void
        private var partial: ByteBuffer?
        private var closed = false

        init(onMessage: @escaping @Sendable (String) -> Void, onClose: @escaping @Sendable () -> Void) {
            self.onMessage = onMessage
            self.onClose = onClose
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var frame = unwrapInboundIn(data)
            switch frame.opcode {
            case .text, .binary:
                if frame.fin { deliver(frame.unmaskedData) } else { partial = frame.unmaskedData }
            case .continuation:
                guard var buffer = partial else { return }
                var more = frame.unmaskedData
                buffer.writeBuffer(&more)
                if frame.fin { partial = nil; deliver(buffer) } else { partial = buffer }
            case .ping:
                let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)
                context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
            case .connectionClose:
                context.close(promise: nil)
            default:
                break
            }
            _ = frame.data.readableBytes
            frame.data.clear()
        }

        private func deliver(_ buffer: ByteBuffer) {
            onMessage(String(buffer: buffer))
        }

        func channelInactive(context: ChannelHandlerContext) {
            if !closed { closed = true; onClose() }
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
