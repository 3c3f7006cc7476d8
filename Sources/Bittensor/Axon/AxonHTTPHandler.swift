import NIOCore
import NIOHTTP1

/// One HTTP/1.1 connection of the axon: collects a request (bounded size, bounded time), hands
/// it to the engine, writes the answer. Runs on the connection's event loop.
final class AxonHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        /// The head is with the engine (`AxonEngine.admit`); the socket is not read meanwhile.
        /// Body bytes that came with the head are kept, within `limit`; beyond it they are dropped
        /// and `overflowed` is set (answered 413 only if the head is admitted: the head's verdict
        /// comes first, as in the SDK's order).
        case admitting(HTTPRequestHead, ByteBuffer, limit: Int, ended: Bool, overflowed: Bool)
        /// Admitted: reading the body, within `limit`.
        case receiving(HTTPRequestHead, AxonRoute, SynapseHeaders, ByteBuffer, limit: Int)
        /// The body was refused (413); the rest of it is dropped and the connection closes.
        case discarding
        case processing
    }

    private let engine: AxonEngine
    /// The connection's loop as the executor of its requests' tasks (set when added to a channel).
    private var loopExecutor: EventLoopTaskExecutor?
    private let maxBodyBytes: Int
    private let bodyLimits: [String: Int]
    private let unknownRouteBodyBytes: Int
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
        bodyLimits = configuration.bodyLimits
        unknownRouteBodyBytes = configuration.unknownRouteBodyBytes
        headerTimeout = .nanoseconds(Int64(configuration.headerReadTimeout.components.seconds) * 1_000_000_000
            + configuration.headerReadTimeout.components.attoseconds / 1_000_000_000)
        bodyTimeout = .nanoseconds(Int64(configuration.bodyReadTimeout.components.seconds) * 1_000_000_000
            + configuration.bodyReadTimeout.components.attoseconds / 1_000_000_000)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        loopExecutor = EventLoopTaskExecutor(context.eventLoop)
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
            case .receiving, .admitting:
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
            let limit = bodyLimit(for: head.uri)
            if let length = head.headers.first(name: "content-length").flatMap({ Int($0) }), length > limit {
                refuseBody(context: context, limit: limit)
                return
            }
            state = .admitting(head, context.channel.allocator.buffer(capacity: 0), limit: limit, ended: false, overflowed: false)
            // No read timer while the engine decides: the socket is not read meanwhile, so the
            // client's speed is not in question; the body timer starts once the head is admitted.
            cancelTimer()
            // Read no more from this socket until the head is verified: a stranger's upload stays
            // in the kernel's buffers (bounded by the TCP window), not in ours.
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
            let engine = self.engine
            let fields = head.headers.map { (name: $0.name, value: $0.value) }
            let (ip, port) = (remoteIP, remotePort)
            let promise = context.eventLoop.makePromise(of: AxonEngine.Admission.self)
            Task(executorPreference: executor(context)) {
                promise.succeed(await engine.admit(path: head.uri, headers: fields, remoteIP: ip, remotePort: port))
            }
            promise.futureResult.assumeIsolated().whenSuccess { [self] admission in
                self.decided(admission, context: context)
            }
        case var .body(chunk):
            switch state {
            case .admitting(let head, var body, let limit, let ended, let overflowed):
                if overflowed || body.readableBytes + chunk.readableBytes > limit {
                    body.clear()
                    state = .admitting(head, body, limit: limit, ended: ended, overflowed: true)
                    return
                }
                state = .processing  // avoid a copy-on-write of `body` while it is in `state`
                if body.readableBytes == 0 { body = chunk } else { body.writeBuffer(&chunk) }
                state = .admitting(head, body, limit: limit, ended: ended, overflowed: false)
            case .receiving(let head, let route, let headers, var body, let limit):
                guard append(&chunk, to: &body, limit: limit, context: context) else { return }
                state = .receiving(head, route, headers, body, limit: limit)
            default:
                return
            }
        case .end:
            switch state {
            case let .admitting(head, body, limit, _, overflowed):
                state = .admitting(head, body, limit: limit, ended: true, overflowed: overflowed)
            case let .receiving(head, route, headers, body, _):
                complete(head, route: route, headers: headers, body: body, context: context)
            default:
                return
            }
        }
    }

    /// Adds a body chunk within `limit`; beyond it the request is answered 413 (false).
    private func append(_ chunk: inout ByteBuffer, to body: inout ByteBuffer, limit: Int, context: ChannelHandlerContext) -> Bool {
        guard body.readableBytes + chunk.readableBytes <= limit else {
            refuseBody(context: context, limit: limit)
            return false
        }
        state = .processing  // avoid a copy-on-write of `body` while it is in `state`
        if body.readableBytes == 0 { body = chunk } else { body.writeBuffer(&chunk) }
        return true
    }

    private func refuseBody(context: ChannelHandlerContext, limit: Int) {
        state = .discarding
        respondAndClose(context: context, status: .payloadTooLarge, message: AxonRejection(.bodyTooLarge(limit: limit)).description)
    }

    /// The engine's verdict on the head: refused (answered now, no body read) or admitted.
    private func decided(_ admission: AxonEngine.Admission, context: ChannelHandlerContext) {
        guard case let .admitting(head, body, limit, ended, overflowed) = state, context.channel.isActive else { return }
        switch admission {
        case let .refused(response):
            cancelTimer()
            state = .processing
            // A body still on its way is never read: answer and close.
            if ended { context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in } }
            write(response, keepAlive: ended && head.isKeepAlive, context: context)
        case .admitted where overflowed:
            refuseBody(context: context, limit: limit)
        case let .admitted(route, headers):
            state = .receiving(head, route, headers, body, limit: limit)
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
            if ended {
                complete(head, route: route, headers: headers, body: body, context: context)
            } else {
                armTimer(context: context, bodyTimeout)
            }
        }
    }

    /// The whole body is in: the engine finishes the request, the answer is written.
    private func complete(_ head: HTTPRequestHead, route: AxonRoute, headers: SynapseHeaders, body: ByteBuffer,
                          context: ChannelHandlerContext) {
        cancelTimer()
        state = .processing
        let request = AxonRequest(
            path: head.uri, headers: [], body: body,
            remoteIP: remoteIP, remotePort: remotePort, receivedAt: AxonEngine.nowNanos())
        let keepAlive = head.isKeepAlive
        let engine = self.engine
        let promise = context.eventLoop.makePromise(of: AxonResponse.self)
        Task(executorPreference: executor(context)) { promise.succeed(await engine.complete(request, route: route, headers: headers)) }
        promise.futureResult.assumeIsolated().whenSuccess { [self] response in
            self.write(response, keepAlive: keepAlive, context: context)
        }
    }

    private func executor(_ context: ChannelHandlerContext) -> EventLoopTaskExecutor {
        if let loopExecutor { return loopExecutor }
        let executor = EventLoopTaskExecutor(context.eventLoop)
        loopExecutor = executor
        return executor
    }

    /// The body cap of the synapse named by the path's first segment (see `AxonConfiguration.bodyLimits`).
    private func bodyLimit(for uri: String) -> Int {
        var name = Substring(uri)
        if name.first == "/" { name = name.dropFirst() }
        if let end = name.firstIndex(where: { $0 == "/" || $0 == "?" }) { name = name[..<end] }
        if let limit = bodyLimits[String(name)] { return min(limit, maxBodyBytes) }
        return engine.routes[String(name)] != nil ? maxBodyBytes : min(unknownRouteBodyBytes, maxBodyBytes)
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
            case .idle, .receiving, .admitting(_, _, _, ended: false, _): context.close(promise: nil)
            case .processing, .discarding, .admitting: break
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
