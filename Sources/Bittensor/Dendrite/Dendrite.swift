import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// A Bittensor dendrite: signs synapses and sends them to axons over pooled HTTP/1.1
/// connections, filling in `dendrite.statusCode/statusMessage/processTime` as the SDK does.
public final class Dendrite: Sendable {
    /// The SDK version we report (`bt_header_dendrite_version`); ≥ 7002000 selects the time-window nonce rules.
    public static let version = 10_005_000

    /// Signs every request.
    public let keypair: Keypair
    /// One uuid per dendrite, as the SDK (`uuid1()` per Dendrite object).
    public let uuid: String
    /// The IP we report as ours (`bt_header_dendrite_ip`).
    public let externalIP: String
    /// The largest response body read (larger answers count as unparsable, 422).
    public let maxResponseBytes: Int
    /// The largest response body read per synapse name (beyond: 422, the rest is not read);
    /// names not listed get `maxResponseBytes`.
    public let responseLimits: [String: Int]
    /// SN27's answers: Specs 1 MiB, Challenge 64 KiB, Allocate 256 KiB.
    public static let defaultResponseLimits = ["Specs": 1 << 20, "Challenge": 64 << 10, "Allocate": 256 << 10]
    /// Parser bounds for answers (depth 64, 65,536 keys per object, 1,048,576 values).
    public static let responseJSONLimits = JSONParser.Limits.standard
    private let client: HTTPClient
    private let ownsClient: Bool
    private let closed = Mutex(false)
    private let nonces = NonceClock()

    /// - Parameters:
    ///   - httpClient: a shared client; by default the dendrite makes its own pool
    ///     (up to `connectionsPerHost` keep-alive connections per axon).
    public init(keypair: Keypair, externalIP: String = "127.0.0.1", uuid: String = UUID().uuidString.lowercased(),
                httpClient: HTTPClient? = nil, connectionsPerHost: Int = 64, maxResponseBytes: Int = 8 << 20,
                responseLimits: [String: Int] = Dendrite.defaultResponseLimits) {
        self.keypair = keypair
        self.uuid = uuid
        self.externalIP = externalIP
        self.maxResponseBytes = maxResponseBytes
        self.responseLimits = responseLimits
        if let httpClient {
            client = httpClient
            ownsClient = false
        } else {
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(10), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
            // A refused connection fails the call at once (503), as aiohttp does, instead of
            // retrying until the deadline.
            configuration.connectionPool.retryConnectionEstablishment = false
            configuration.timeout = .init(connect: .seconds(5))
            configuration.decompression = .disabled
            configuration.httpVersion = .http1Only
            client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            ownsClient = true
        }
    }

    /// Closes the connection pool (only when the dendrite created it). Only the first call
    /// closes; later calls return at once.
    public func shutdown() async throws {
        let first = closed.withLock { c in defer { c = true }; return !c }
        if ownsClient && first { try await client.shutdown() }
    }

    /// A signed request ready to send: the synapse as sent, the headers and the body bytes.
    public struct PreparedRequest: Sendable {
        public var url: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
    }

    /// Fills in the TerminalInfos, signs, and encodes `synapse` for `axon` (exposed for tests and
    /// load generators).
    public func prepare<S: Synapse>(_ synapse: inout S, for axon: AxonEndpoint, timeout: Double) throws(KeyError) -> PreparedRequest {
        synapse.base.timeout = timeout
        synapse.base.axon = TerminalInfo(ip: axon.ip, port: axon.port, hotkey: axon.hotkey)
        let nonce = nonces.next()
        let bodyHash = BodyHash.compute(synapse)
        let message = SignedMessage(nonce: nonce, dendriteHotkey: keypair.ss58Address, axonHotkey: axon.hotkey,
                                    uuid: uuid, bodyHash: bodyHash)
        synapse.base.dendrite = TerminalInfo(ip: externalIP, version: Self.version, nonce: nonce, uuid: uuid,
                                             hotkey: message.dendriteHotkey, signature: try message.sign(with: keypair))
        let body = synapse.jsonBody(style: .python)
        var headers = SynapseHeaders(of: synapse, computedBodyHash: bodyHash)
        headers.totalSize = body.count
        var fields = headers.fields
        fields.append(("content-type", "application/json"))
        return PreparedRequest(url: axon.url(for: S.name), headers: fields, body: body)
    }

    /// Sends `synapse` to `axon` and returns it filled with the answer. Never throws: failures are
    /// reported in `dendrite.statusCode` like the SDK (503 connect error, 408 timeout, 422
    /// unparsable reply, or the axon's own status).
    public func call<S: Synapse>(axon: AxonEndpoint, synapse: S, timeout: Double = 12) async -> S {
        var synapse = synapse
        let started = ContinuousClock.now
        func finish(_ status: Int, _ message: String) -> S {
            synapse.base.axon.statusCode = status
            synapse.base.axon.statusMessage = message
            synapse.base.dendrite.statusCode = status
            synapse.base.dendrite.statusMessage = message
            synapse.base.dendrite.processTime = Self.seconds(ContinuousClock.now - started)
            return synapse
        }
        let prepared: PreparedRequest
        do {
            prepared = try prepare(&synapse, for: axon, timeout: timeout)
        } catch {
            return finish(500, "Failed to sign request: \(error)")
        }
        var request = HTTPClientRequest(url: prepared.url)
        request.method = .POST
        for (name, value) in prepared.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: prepared.body))
        let deadline = NIODeadline.now() + .nanoseconds(Int64(max(0, timeout) * 1e9))
        let response: HTTPClientResponse
        let bodyBytes: ByteBuffer
        do {
            (response, bodyBytes) = try await exchange(request, deadline: deadline, timeout: timeout,
                                                       limit: min(responseLimits[S.name] ?? maxResponseBytes, maxResponseBytes))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return finish(408, "Request timeout after \(PythonString.repr(.double(timeout))) seconds")
        } catch let error as HTTPClientError where error == .remoteConnectionClosed {
            return finish(503, "Service disconnected: Server disconnected")
        } catch is NIOTooManyBytesError {
            return finish(422, "Failed to parse response object with error: response body too large")
        } catch {
            if NIODeadline.now() >= deadline {
                return finish(408, "Request timeout after \(PythonString.repr(.double(timeout))) seconds")
            }
            return finish(503, "Service unavailable at \(axon.ip):\(axon.port)/\(S.name)")
        }
        return absorb(response: response, body: bodyBytes, into: synapse, started: started)
    }

    /// One request and its whole answer, under one deadline: connect, head and body together.
    /// AsyncHTTPClient's deadline covers the head only, so the body (which a miner may trickle
    /// one byte a second) is raced against the same deadline and cancelled there.
    private func exchange(_ request: HTTPClientRequest, deadline: NIODeadline, timeout: Double,
                          limit: Int) async throws -> (HTTPClientResponse, ByteBuffer) {
        let client = self.client
        let end = ContinuousClock.now + .nanoseconds(Int64(max(0, timeout) * 1e9))
        return try await withThrowingTaskGroup(of: (HTTPClientResponse, ByteBuffer).self) { group in
            group.addTask {
                let response = try await client.execute(request, deadline: deadline)
                return (response, try await response.body.collect(upTo: limit))
            }
            group.addTask {
                try await Task.sleep(until: end, clock: .continuous)
                throw HTTPClientError.deadlineExceeded
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw HTTPClientError.deadlineExceeded }
            return first
        }
    }

    /// Applies a reply as the SDK's `process_server_response` does.
    private func absorb<S: Synapse>(response: HTTPClientResponse, body: ByteBuffer, into local: S, started: ContinuousClock.Instant) -> S {
        var synapse = local
        let status = Int(response.status.code)
        func fail(_ message: String) -> S {
            synapse.base.axon.statusCode = 422
            synapse.base.axon.statusMessage = message
            synapse.base.dendrite.statusCode = 422
            synapse.base.dendrite.statusMessage = message
            synapse.base.dendrite.processTime = Self.seconds(ContinuousClock.now - started)
            return synapse
        }
        // aiohttp's response.json() requires the JSON content type, for every status.
        let contentType = response.headers.first(name: "content-type")?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            return fail("Failed to parse response object with error: unexpected content type '\(contentType)'")
        }
        let json: JSON
        do {
            json = try JSONParser.parse(body.readableBytesView, limits: Self.responseJSONLimits)
        } catch {
            return fail("Failed to parse response object with error: \(error)")
        }
        if status == 200 {
            guard case let .object(object) = json else { return fail("Failed to parse response object with error: not an object") }
            do {
                let server = try S(jsonObject: object)
                // Every field comes from the server's copy except our own dendrite TerminalInfo.
                let dendrite = synapse.base.dendrite
                let timeout = synapse.base.timeout
                synapse = server
                synapse.base.dendrite = dendrite
                synapse.base.timeout = timeout
            } catch {
                return fail("Failed to parse response object with error: \(error)")
            }
        } else {
            synapse.base.axon.statusCode = status
            synapse.base.axon.statusMessage = json["message"]?.stringValue
        }
        // Overlay the axon's status headers (non-empty values win), as the SDK does.
        if let headers = try? SynapseHeaders(parsing: response.headers) {
            for (key, _) in headers.axon.headerPairs {
                if let v = headers.axon.value(forKey: key) { try? synapse.base.axon.set(v, forKey: key) }
            }
        }
        synapse.base.dendrite.statusCode = synapse.base.axon.statusCode
        synapse.base.dendrite.statusMessage = synapse.base.axon.statusMessage
        synapse.base.dendrite.processTime = Self.seconds(ContinuousClock.now - started)
        return synapse
    }

    /// Sends `synapse` to every axon, at most `maxConcurrent` at a time; results in input order.
    public func fanOut<S: Synapse>(to axons: [AxonEndpoint], synapse: S, timeout: Double = 12,
                                   maxConcurrent: Int = 256) async -> [S] {
        var results = [S?](repeating: nil, count: axons.count)
        await withTaskGroup(of: (Int, S).self) { group in
            var next = 0
            let limit = max(1, maxConcurrent)
            while next < axons.count && next < limit {
                let i = next
                group.addTask { (i, await self.call(axon: axons[i], synapse: synapse, timeout: timeout)) }
                next += 1
            }
            while let (i, s) = await group.next() {
                results[i] = s
                if next < axons.count {
                    let j = next
                    group.addTask { (j, await self.call(axon: axons[j], synapse: synapse, timeout: timeout)) }
                    next += 1
                }
            }
        }
        return results.map { $0! }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
