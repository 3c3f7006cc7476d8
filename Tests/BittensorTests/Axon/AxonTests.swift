import Foundation
import Synchronization
import Testing

@testable import Bittensor

/// The Swift axon and dendrite against each other on loopback.
@Suite(.serialized) struct AxonTests {
    @Test func answersWithTheFilledSynapse() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        var challenge = CapturedChallenge()
        challenge.challengeHash = "abc123"
        let answer = await dendrite.call(axon: server.endpoint, synapse: challenge, timeout: 5)
        #expect(answer.dendrite.statusCode == 200)
        #expect(answer.dendrite.statusMessage == "Success")
        #expect(answer.isSuccess)
        #expect(answer.axon.statusCode == 200)
        #expect((answer.axon.processTime ?? -1) >= 0)
        #expect((answer.dendrite.processTime ?? 0) > 0)
        #expect(answer.output == ["password": "pw-for-abc123", "error": nil])
        #expect(answer.dendrite.hotkey == TestKeys.alice.ss58Address)
        #expect(answer.axon.hotkey == server.endpoint.hotkey)
    }

    @Test func hashedSynapsesCarryTheirBodyHash() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        var hashed = Hashed()
        hashed.prompt = "hi"
        hashed.n = 2
        #expect(BodyHash.compute(hashed) == "0f1c8a21c6f2a92bee209957e08a2938ad63ae4fbb69a3a1f377f3462eebd00a")
        let answer = await dendrite.call(axon: server.endpoint, synapse: hashed, timeout: 5)
        #expect(answer.dendrite.statusCode == 200)
        #expect(answer.answer == "HIHI")
        // A body that no longer matches the signed hash is refused.
        let request = try RawHTTP.request(hashed, dendrite: dendrite, axon: server.endpoint,
                                          body: Array(#"{"prompt": "bye", "n": 2}"#.utf8))
        let reply = await RawHTTP.exchange(port: server.endpoint.port, request)
        #expect(reply.status == 400)
    }

    @Test func pingRouteIsAlwaysThere() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let answer = await dendrite.call(axon: server.endpoint, synapse: PingSynapse(), timeout: 5)
        #expect(answer.dendrite.statusCode == 200)
    }

    @Test func unknownSynapseIs404() async throws {
        struct Nope: Synapse {
            var base = SynapseBase()
            init() {}
            static let fields: [SynapseField<Nope>] = []
        }
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let answer = await dendrite.call(axon: server.endpoint, synapse: Nope(), timeout: 5)
        #expect(answer.dendrite.statusCode == 404)
        #expect(answer.dendrite.statusMessage == "Synapse name 'Nope' not found. Available synapses ['Synapse', 'Challenge', 'Hashed']")
    }

    @Test func blacklistedCallerIs403() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.bob)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let answer = await dendrite.call(axon: server.endpoint, synapse: CapturedChallenge(), timeout: 5)
        #expect(answer.dendrite.statusCode == 403)
        #expect(answer.dendrite.statusMessage == "Forbidden. Key is blacklisted: hotkey not registered.")
    }

    @Test func requestSignedForAnotherHotkeyIs401() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        var wrong = server.endpoint
        wrong.hotkey = TestKeys.bob.ss58Address
        let answer = await dendrite.call(axon: wrong, synapse: CapturedChallenge(), timeout: 5)
        #expect(answer.dendrite.statusCode == 401)
        #expect(answer.dendrite.statusMessage?.hasPrefix("Not Verified with error: Signature mismatch with ") == true)
    }

    @Test func replayedAndTamperedRequestsAre401() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let port = server.endpoint.port
        let request = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint)
        #expect(await RawHTTP.exchange(port: port, request).status == 200)
        let replay = await RawHTTP.exchange(port: port, request)
        #expect(replay.status == 401)
        #expect(replay.body.contains("Nonce"))
        let tampered = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint) { headers in
            let i = headers.firstIndex { $0.name == "bt_header_dendrite_signature" }!
            var sig = Array(headers[i].value)
            sig[10] = sig[10] == "0" ? "1" : "0"
            headers[i].value = String(sig)
        }
        let reply = await RawHTTP.exchange(port: port, tampered)
        #expect(reply.status == 401)
        #expect(reply.header("content-type") == "application/json")
        #expect(reply.header("bt_header_axon_status_code") == "401")
    }

    @Test func missingSignatureIs401() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let request = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint) { headers in
            headers.removeAll { $0.name == "bt_header_dendrite_signature" }
        }
        let reply = await RawHTTP.exchange(port: server.endpoint.port, request)
        #expect(reply.status == 401)
        #expect(reply.body == #"{"message":"Not Verified with error: Missing Signature"}"#)
    }

    @Test func slowForwardIs408() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        var slow = CapturedChallenge()
        slow.challengeMode = "sleep"
        // The client gives up at its timeout…
        let answer = await dendrite.call(axon: server.endpoint, synapse: slow, timeout: 0.5)
        #expect(answer.dendrite.statusCode == 408)
        #expect(answer.dendrite.statusMessage == "Request timeout after 0.5 seconds")
        // …and the axon answers 408 itself at the request's timeout.
        let request = try RawHTTP.request(slow, dendrite: dendrite, axon: server.endpoint, timeout: 0.5)
        let started = Date()
        let reply = await RawHTTP.exchange(port: server.endpoint.port, request)
        #expect(reply.status == 408)
        #expect(Date().timeIntervalSince(started) < 2.5)
        #expect(reply.body == #"{"message":"Response timeout after: 0.5s"}"#)
    }

    @Test func throwingForwardIs500() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        var boom = CapturedChallenge()
        boom.challengeMode = "boom"
        let answer = await dendrite.call(axon: server.endpoint, synapse: boom, timeout: 5)
        #expect(answer.dendrite.statusCode == 500)
        #expect(answer.dendrite.statusMessage?.hasPrefix("Internal Server Error #") == true)
    }

    @Test func fullQueueIs503() async throws {
        let server = try await TestAxon.start { c in
            c.maxConcurrentForwards = 1
            c.maxQueuedForwards = 0
        }
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let slow = { var c = CapturedChallenge(); c.challengeMode = "sleep"; return c }()
        let first = Task { await dendrite.call(axon: server.endpoint, synapse: slow, timeout: 5) }
        // The slow request must hold the only slot first (its forward sleeps 3 s); on a loaded
        // machine its sign → connect → verify can take well over 300 ms.
        try await Task.sleep(for: .milliseconds(1200))
        let second = await dendrite.call(axon: server.endpoint, synapse: CapturedChallenge(), timeout: 5)
        #expect(second.dendrite.statusCode == 503)
        first.cancel()
    }

    @Test func aBlockingForwardDoesNotStallOtherRequests() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let blocking = { var c = CapturedChallenge(); c.challengeMode = "block"; return c }()
        let finished = CompletionCount()
        let blockers = (0..<4).map { _ in
            Task {
                let reply = await dendrite.call(axon: server.endpoint, synapse: blocking, timeout: 10)
                finished.add()
                return reply
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        for _ in 0..<5 {
            let ping = await dendrite.call(axon: server.endpoint, synapse: PingSynapse(), timeout: 5)
            #expect(ping.dendrite.statusCode == 200)
        }
        // The blockers hold their threads for 4 s: stalled pings would finish only after them.
        // (Ordering, not a wall-clock bound, so a loaded machine does not decide the outcome.)
        #expect(finished.value == 0, "the pings waited for the blocking forwards")
        for b in blockers { #expect(await b.value.dendrite.statusCode == 200) }
    }

    /// One validator (one uuid) firing many requests at once: none is refused as "too old".
    @Test func parallelRequestsFromOneDendriteAllSucceed() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let endpoints = Array(repeating: server.endpoint, count: 200)
        let answers = await dendrite.fanOut(to: endpoints, synapse: CapturedChallenge(), timeout: 10, maxConcurrent: 64)
        #expect(answers.count == 200)
        #expect(answers.allSatisfy { $0.dendrite.statusCode == 200 })
        #expect(Set(answers.compactMap(\.dendrite.nonce)).count == 200)
    }

    @Test func fanOutKeepsInputOrderAndMapsConnectErrors() async throws {
        let server = try await TestAxon.start()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let dead = AxonEndpoint(ip: "127.0.0.1", port: 1, hotkey: server.endpoint.hotkey)
        var wrongKey = server.endpoint
        wrongKey.hotkey = TestKeys.bob.ss58Address
        let answers = await dendrite.fanOut(to: [server.endpoint, dead, wrongKey, server.endpoint], synapse: CapturedChallenge(),
                                            timeout: 5, maxConcurrent: 2)
        #expect(answers.map(\.dendrite.statusCode) == [200, 503, 401, 200])
        #expect(answers[1].dendrite.statusMessage == "Service unavailable at 127.0.0.1:1/Challenge")
    }

    @Test func axonRunsAsAServiceUntilShutdown() async throws {
        let configuration = AxonConfiguration(host: "127.0.0.1", port: 0)
        let axon = Axon(keypair: TestKeys.miner, configuration: configuration)
        let run = Task { try await axon.run() }
        var port: Int?
        for _ in 0..<100 where port == nil {
            try await Task.sleep(for: .milliseconds(20))
            port = axon.port
        }
        #expect(port != nil)
        run.cancel()  // cancellation counts as graceful shutdown outside a ServiceGroup
        try await run.value
        #expect(axon.port == nil)
    }

    @Test func concurrentStartsBindOnce() async throws {
        let axon = Axon(keypair: TestKeys.miner, configuration: AxonConfiguration(host: "127.0.0.1", port: 0))
        defer { Task { await axon.stop() } }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { (try? await axon.start()) != nil } }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(axon.port != nil)
    }

    /// The event loops are shared with the rest of the process, so stopping an axon must close
    /// its open connections itself: a kept-alive client sees its socket closed.
    @Test func stopClosesOpenConnections() async throws {
        let server = try await TestAxon.start()
        let port = server.endpoint.port
        // A keep-alive request that is answered; the client then waits up to 60 s for more.
        let client = Task {
            let start = ContinuousClock.now
            let reply = await RawHTTP.exchange(port: port, chunks: [Array("GET /Ping HTTP/1.1\r\nhost: x\r\n\r\n".utf8)],
                                               halfClose: false, readTimeout: 60)
            return (reply, ContinuousClock.now - start)
        }
        try await Task.sleep(for: .milliseconds(500))
        await server.axon.stop()
        let (reply, waited) = await client.value
        #expect(reply.status != nil)
        // Well under the idle timeout (15 s), which would close it anyway.
        #expect(waited < .seconds(8), "the connection stayed open after stop()")
    }
}

/// How many tasks have finished, shared between them.
final class CompletionCount: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
