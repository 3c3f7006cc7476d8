import Foundation
import NIOCore

/// The request pipeline of an axon, in the SDK's order:
/// path and headers (400) → route (404) → blacklist (403) → verify (401) → priority and the
/// synapse's bounded queue (503 full, 408 deadline) → body parse and body-hash check (400) →
/// forward (500 on a throw, 408 on the deadline) → 200 with the synapse.
///
/// Everything up to verify runs on the request head alone (`admit`), before the connection reads
/// any body: a stranger's upload is refused without being buffered.
struct AxonEngine: Sendable {
    let routes: [String: AxonRoute]
    let routeNames: [String]
    let verifier: RequestVerifier
    let configuration: AxonConfiguration
    let axonInfo: TerminalInfo
    let executor: ForwardExecutor
    let timerLoops: any EventLoopGroup

    /// Unix time in nanoseconds.
    static func nowNanos() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
    }

    /// What the head of a request decided, before any of its body is read.
    enum Admission: Sendable {
        /// Route found, caller not blacklisted, signature and nonce valid: read the body.
        case admitted(AxonRoute, SynapseHeaders)
        /// Answer this and read no more.
        case refused(AxonResponse)
    }

    /// The checks that need only the request head, in the SDK's order: path and headers (400) →
    /// route (404) → blacklist (403) → signature and nonce (401). The signature covers the
    /// `computed_body_hash` header, so it is checked here; the body is later held to that hash.
    func admit(path uri: String, headers fields: [(name: String, value: String)],
               remoteIP: String?, remotePort: Int?) async -> Admission {
        let started = Self.nowNanos()
        // The route is the first path segment (query ignored), as `request.url.path.split("/")[1]`.
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        func refuse(_ rejection: AxonRejection, _ headers: SynapseHeaders?) -> Admission {
            .refused(error(rejection, headers: headers, remoteIP: remoteIP, remotePort: remotePort, started: started))
        }
        guard segments.count >= 2 else { return refuse(AxonRejection(.badRequest("bad request path")), nil) }
        let name = String(segments[1])
        let headers: SynapseHeaders
        do {
            headers = try SynapseHeaders(parsing: fields)
        } catch {
            return refuse(AxonRejection(.badRequest(error.description)), nil)
        }
        guard let route = routes[name] else {
            return refuse(AxonRejection(.unknownSynapse(name: name, available: routeNames)), headers)
        }
        let context = AxonContext(remoteIP: remoteIP, remotePort: remotePort, dendriteHotkey: headers.dendrite.hotkey,
                                  receivedAt: started, timeout: requestTimeout(headers))
        do {
            try await route.admit(headers, context, self)
        } catch {
            return refuse(error, headers)
        }
        return .admitted(route, headers)
    }

    /// A whole request at once: `admit`, then `complete`.
    func process(_ request: AxonRequest) async -> AxonResponse {
        switch await admit(path: request.path, headers: request.headers, remoteIP: request.remoteIP, remotePort: request.remotePort) {
        case let .refused(response): return response
        case let .admitted(route, headers): return await complete(request, route: route, headers: headers)
        }
    }

    /// The rest of an admitted request: priority and the bounded queue → body → forward.
    func complete(_ request: AxonRequest, route: AxonRoute, headers: SynapseHeaders) async -> AxonResponse {
        await route.serve(request, headers, self, route.gate)
    }

    /// The request's timeout, finite and capped by `maxRequestTimeout`.
    func requestTimeout(_ headers: SynapseHeaders) -> Double {
        min(max(headers.timeout.isFinite ? headers.timeout : 12, 0), configuration.maxRequestTimeout)
    }

    /// The synapse as the headers describe it: what blacklist and priority hooks see (as in the SDK).
    private func headerSynapse<S: Synapse>(_ type: S.Type, _ headers: SynapseHeaders) -> S {
        var synapse = S()
        synapse.base.timeout = headers.timeout
        synapse.base.dendrite = headers.dendrite
        synapse.base.axon = axonInfo
        return synapse
    }

    /// Blacklist (403), then signature and nonce (401): everything decided by the head alone.
    func admit<S: Synapse>(
        _ type: S.Type, headers: SynapseHeaders, context: AxonContext,
        blacklist: (@Sendable (S, AxonContext) async -> AccessDecision)?
    ) async throws(AxonRejection) {
        if let blacklist, case let .deny(reason) = await blacklist(headerSynapse(S.self, headers), context) {
            throw AxonRejection(.blacklisted(reason))
        }
        try await verifier.verify(headers, now: Self.nowNanos())
    }

    func serve<S: Synapse>(
        _ type: S.Type, request: AxonRequest, headers: SynapseHeaders, gate: ForwardGate,
        forward: @escaping @Sendable (S, AxonContext) async throws -> S,
        priority: (@Sendable (S, AxonContext) async -> Double)?
    ) async -> AxonResponse {
        let started = Self.nowNanos()
        let timeout = requestTimeout(headers)
        let context = AxonContext(remoteIP: request.remoteIP, remotePort: request.remotePort,
                                  dendriteHotkey: headers.dendrite.hotkey, receivedAt: request.receivedAt, timeout: timeout)
        do {
            let prio = await priority?(headerSynapse(S.self, headers), context) ?? 0
            let absoluteDeadline = NIODeadline.now() + .nanoseconds(Int64(timeout * 1e9) - Int64(Self.nowNanos() - request.receivedAt))
            switch await gate.acquire(priority: prio, deadline: absoluteDeadline, timerLoop: timerLoops.any()) {
            case .admitted: break
            case .full: throw AxonRejection(.overloaded)
            case .timedOut: throw AxonRejection(.timedOut(headers.timeout))
            }
            // From here the slot is ours; `runForward` releases it when the handler returns.
            let synapse: S
            do throws(WireError) {
                synapse = try S(jsonBody: request.body.readableBytesView)
                let expected = BodyHash.compute(synapse)
                if let claimed = headers.computedBodyHash, claimed != expected {
                    throw WireError(.badHeader(name: "computed_body_hash", value: claimed))
                }
            } catch {
                gate.release()
                throw AxonRejection(.badBody(error.description))
            }
            var answer = try await runForward(synapse, context: context, forward: forward, gate: gate,
                                              deadline: absoluteDeadline, timeout: headers.timeout)
            answer.base.axon.statusCode = 200
            answer.base.axon.statusMessage = "Success"
            answer.base.axon.processTime = Double(Self.nowNanos() - started) / 1e9
            return success(answer)
        } catch {
            return self.error(error, headers: headers, remoteIP: request.remoteIP, remotePort: request.remotePort, started: started)
        }
    }

    private enum Outcome<S: Sendable>: Sendable {
        case done(S)
        case failed(any Error)
        case timedOut
    }

    /// Runs `forward` on the forward threads; answers at the deadline even if it has not returned.
    private func runForward<S: Synapse>(
        _ synapse: S, context: AxonContext, forward: @escaping @Sendable (S, AxonContext) async throws -> S,
        gate: ForwardGate, deadline: NIODeadline, timeout: Double
    ) async throws(AxonRejection) -> S {
        let executor = self.executor
        let loop = timerLoops.any()
        let outcome: Outcome<S> = await withCheckedContinuation { continuation in
            let first = FirstResult(continuation)
            let task = Task(executorPreference: executor) {
                defer { gate.release() }
                do {
                    first.resume(.done(try await forward(synapse, context)))
                } catch {
                    first.resume(.failed(error))
                }
            }
            first.cancelOnResolve(loop.scheduleTask(deadline: deadline) {
                first.resume(.timedOut)
                task.cancel()
            })
        }
        switch outcome {
        case let .done(s): return s
        case .failed: throw AxonRejection(.forwardFailed(id: UUID().uuidString.lowercased()))
        case .timedOut: throw AxonRejection(.timedOut(timeout))
        }
    }

    private func success<S: Synapse>(_ synapse: S) -> AxonResponse {
        let body = synapse.jsonBody(style: .compact)
        var h = SynapseHeaders(of: synapse)
        h.totalSize = synapse.base.totalSize
        return AxonResponse(status: 200, headers: h.fields, body: body)
    }

    private func error(_ error: any Error, headers parsed: SynapseHeaders?, remoteIP: String?, remotePort: Int?, started: Int) -> AxonResponse {
        let rejection = error as? AxonRejection ?? AxonRejection(.forwardFailed(id: UUID().uuidString.lowercased()))
        let message = rejection.description
        var h = parsed ?? SynapseHeaders()
        h.axon = axonInfo
        h.axon.statusCode = rejection.status
        h.axon.statusMessage = message
        h.axon.processTime = Double(Self.nowNanos() - started) / 1e9
        h.axon.version = configuration.version
        h.dendrite.ip = remoteIP
        h.dendrite.port = remotePort
        var w = JSONWriter(style: .compact, capacity: message.utf8.count + 16)
        w.write(.object(["message": .string(message)]))
        return AxonResponse(status: rejection.status, headers: h.fields, body: w.bytes)
    }
}
