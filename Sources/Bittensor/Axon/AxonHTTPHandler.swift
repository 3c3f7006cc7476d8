import NIOCore
import NIOHTTP1

/// One HTTP/1.1 connection of the axon: collects a request (bounded size, bounded time), hands
/// it to the engine, writes the answer. Runs on the connection's event loop.
final class AxonHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case receiving(HTTPRequestHead, ByteBuffer)
        /// The body was refused (413); the rest of it is dropped and the connection closes.
        case discarding
        case processing
    }

    private let engine: AxonEngine
    private let maxBodyBytes: Int
    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var state = State.idle
    private var timer: Scheduled<Void>?
    private var remoteIP: String?
    private var remotePort: Int?
    /// The client half-closed: answer what is in flight, then close.
    private var inputClosed = false

    init(engine: AxonEngine, configuration: AxonConfiguration) {
        self.engine = engine
        maxBodyBytes = configuration.maxBodyBytes
        headerTimeout = .nanoseconds(Int64(configuration.headerReadTimeout.components.seconds) * 1_000_000_000
            + configuration.headerReadTimeout.components.attoseconds / 1_000_000_000)
        bodyTimeout = .nanoseconds(Int64(configuration.bodyReadTimeout.components.seconds) * 1_000_000_000
            + configuration.bodyReadTimeout.components.attoseconds / 1_000_000_000)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        remoteIP = context.channel.remoteAddress?.ipAddress
        remotePort = context.channel.remoteAddress?.port
        if context.channel.isActive { armTimer(context: context, headerTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil { armTimer(context: context, headerTimeout) }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancelTimer() }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    private func armTimer(context: ChannelHandlerContext, _ amount: TimeAmount) {
        cancelTimer()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: amount) { [self] in
            self.timer = nil
            // A client too slow to send its head (slowloris) or body: answer 408 if a request
            // started, else just close.
            switch state {
            case .receiving:
                state = .discarding
                respondAndClose(context: context, status: .requestTimeout, message: "Request read timeout")
            case .idle:
                context.close(promise: nil)
            case .discarding, .processing:
                break
            }
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            guard case .idle = state else { return }
            if let length = head.headers.first(name: "content-length").flatMap({ Int($0) }), length > maxBodyBytes {
                state = .discarding
                respondAndClose(context: context, status: .payloadTooLarge,
                                message: AxonRejection(.bodyTooLarge(limit: maxBodyBytes)).description)
                return
            }
            state = .receiving(head, context.channel.allocator.buffer(capacity: 0))
            armTimer(context: context, bodyTimeout)
        case var .body(chunk):
            guard case .receiving(let head, var body) = state else { return }
            if body.readableBytes + chunk.readableBytes > maxBodyBytes {
                state = .discarding
                respondAndClose(context: context, status: .payloadTooLarge,
                                message: AxonRejection(.bodyTooLarge(limit: maxBodyBytes)).description)
                return
            }
            state = .processing  // avoid a copy-on-write of `body` while it is in `state`
            if body.readableBytes == 0 { body = chunk } else { body.writeBuffer(&chunk) }
            state = .receiving(head, body)
        case .end:
            guard case let .receiving(head, body) = state else { return }
            cancelTimer()
            state = .processing
            let request = AxonRequest(
                path: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body,
                remoteIP: remoteIP, remotePort: remotePort, receivedAt: AxonEngine.nowNanos())
            let keepAlive = head.isKeepAlive
            let engine = self.engine
            let promise = context.eventLoop.makePromise(of: AxonResponse.self)
            promise.completeWithTask { await engine.process(request) }
            promise.futureResult.assumeIsolated().whenSuccess { [self] response in
                self.write(response, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func write(_ response: AxonResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        guard case .processing = state, context.channel.isActive else { return }
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 3)
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(response.body.count))
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        let keepAlive = keepAlive && !inputClosed
        if !keepAlive { headers.add(name: "connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            state = .idle
            armTimer(context: context, headerTimeout)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        }
    }

    /// An error answered before the request reached the engine; the connection then closes.
    private func respondAndClose(context: ChannelHandlerContext, status: HTTPResponseStatus, message: String) {
        cancelTimer()
        var w = JSONWriter(style: .compact)
        w.write(.object(["message": .string(message)]))
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(w.bytes.count))
        headers.add(name: "connection", value: "close")
        headers.add(name: "bt_header_axon_status_code", value: String(status.code))
        headers.add(name: "bt_header_axon_status_message", value: message)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: w.bytes.count)
        buffer.writeBytes(w.bytes)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            inputClosed = true
            switch state {
            case .idle, .receiving: context.close(promise: nil)
            case .processing, .discarding: break
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Decoder errors were answered (400) by NIO's HTTPServerProtocolErrorHandler; close.
        context.close(promise: nil)
    }
}
