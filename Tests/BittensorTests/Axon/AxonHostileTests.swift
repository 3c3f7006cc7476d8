import Foundation
import Testing

@testable import Bittensor

/// Hostile input over raw sockets: each gets a 4xx or a closed connection, and the axon keeps
/// serving well-formed requests afterwards.
@Suite(.serialized) struct AxonHostileTests {
    static func startAxon() async throws -> TestAxon {
        try await TestAxon.start { c in
            c.maxBodyBytes = 1 << 20
            c.maxHeaderBytes = 16 * 1024
            c.headerReadTimeout = .seconds(2)
            c.bodyReadTimeout = .seconds(2)
        }
    }

    static func expectStillServing(_ server: TestAxon, _ dendrite: Dendrite) async {
        let ok = await dendrite.call(axon: server.endpoint, synapse: CapturedChallenge(), timeout: 5)
        #expect(ok.dendrite.statusCode == 200)
    }

    static func expect4xxOrClosed(_ reply: RawHTTP.Reply, _ what: String) {
        if let status = reply.status {
            #expect((400..<500).contains(status), "\(what): status \(status)")
        }
        // No status: the server closed the connection without answering, which is allowed.
    }

    @Test func truncatedJSONIs400() async throws {
        let server = try await Self.startAxon()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let full = CapturedChallenge().jsonBody(style: .python)
        let request = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint,
                                          body: Array(full.prefix(full.count / 2)))
        let reply = await RawHTTP.exchange(port: server.endpoint.port, request)
        #expect(reply.status == 400)
        #expect(reply.body.hasPrefix(#"{"message":"Improperly formatted request body"#))
        await Self.expectStillServing(server, dendrite)
    }

    @Test func nonUTF8BodyIs400() async throws {
        let server = try await Self.startAxon()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let body: [UInt8] = Array(#"{"challenge_hash": ""#.utf8) + [0xff, 0xfe, 0xc3] + Array(#""}"#.utf8)
        let request = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint, body: body)
        #expect(await RawHTTP.exchange(port: server.endpoint.port, request).status == 400)
        // Non-UTF-8 in a header value: refused before any work.
        var raw = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint)
        let marker = Array("bt_header_dendrite_uuid: ".utf8)
        if let i = (0..<(raw.count - marker.count)).first(where: { raw[$0..<($0 + marker.count)].elementsEqual(marker) }) {
            raw[i + marker.count] = 0xff
        }
        Self.expect4xxOrClosed(await RawHTTP.exchange(port: server.endpoint.port, raw), "non-UTF-8 header")
        await Self.expectStillServing(server, dendrite)
    }

    @Test func hugeHeadersAreRefused() async throws {
        let server = try await Self.startAxon()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let request = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint) { headers in
            headers.append((name: "x-padding", value: String(repeating: "a", count: 200_000)))
        }
        let reply = await RawHTTP.exchange(port: server.endpoint.port, request)
        Self.expect4xxOrClosed(reply, "huge header")
        #expect(reply.status != 200)
        let many = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint) { headers in
            for i in 0..<5_000 { headers.append((name: "x-h\(i)", value: "v")) }
        }
        let reply2 = await RawHTTP.exchange(port: server.endpoint.port, many)
        Self.expect4xxOrClosed(reply2, "many headers")
        #expect(reply2.status != 200)
        await Self.expectStillServing(server, dendrite)
    }

    @Test func aHundredMiBBodyIs413() async throws {
        let server = try await Self.startAxon()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        // Declared up front: refused from the head alone.
        let head = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint, body: [])
        let declared = String(decoding: head, as: UTF8.self)
            .replacingOccurrences(of: "Content-Length: 0", with: "Content-Length: \(100 << 20)")
        let chunk = [UInt8](repeating: 0x61, count: 1 << 20)
        let reply = await RawHTTP.exchange(port: server.endpoint.port, chunks: [Array(declared.utf8)] + Array(repeating: chunk, count: 100))
        #expect(reply.status == 413)
        // Chunked, so the size is only known while reading.
        let chunkedHead = String(decoding: head, as: UTF8.self)
            .replacingOccurrences(of: "Content-Length: 0", with: "Transfer-Encoding: chunked")
        let hexChunk = Array("100000\r\n".utf8) + chunk + Array("\r\n".utf8)
        let reply2 = await RawHTTP.exchange(port: server.endpoint.port, chunks: [Array(chunkedHead.utf8)] + Array(repeating: hexChunk, count: 100))
        #expect(reply2.status == 413)
        await Self.expectStillServing(server, dendrite)
    }

    @Test func missingHeadersAre401() async throws {
        let server = try await Self.startAxon()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let body = CapturedChallenge().jsonBody(style: .python)
        let bare = Array("POST /Challenge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let reply = await RawHTTP.exchange(port: server.endpoint.port, bare)
        #expect(reply.status == 401)
        #expect(reply.body == #"{"message":"Not Verified with error: Missing Nonce"}"#)
        let noPath = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
        #expect(await RawHTTP.exchange(port: server.endpoint.port, noPath).status == 404)
        await Self.expectStillServing(server, dendrite)
    }

    @Test func nonNumericNonceIs400() async throws {
        let server = try await Self.startAxon()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        for bad in ["abc", "1e9", "", "99999999999999999999999", "0x10"] {
            let request = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint) { headers in
                let i = headers.firstIndex { $0.name == "bt_header_dendrite_nonce" }!
                headers[i].value = bad
            }
            let reply = await RawHTTP.exchange(port: server.endpoint.port, request, readTimeout: 15)
            #expect(reply.status == 400 || (bad.isEmpty && reply.status == 401), "nonce '\(bad)': \(String(describing: reply.status))")
        }
        await Self.expectStillServing(server, dendrite)
    }

    @Test func slowClientIsCutOffWhileOthersAreServed() async throws {
        let server = try await Self.startAxon()
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        let request = try RawHTTP.request(CapturedChallenge(), dendrite: dendrite, axon: server.endpoint)
        // One byte a second, for up to 8 s: the 2 s header timeout must end it early.
        let started = Date()
        let slow = Task {
            await RawHTTP.exchange(port: server.endpoint.port, chunks: request.prefix(8).map { [$0] }, pause: 1,
                                   halfClose: false, readTimeout: 10)
        }
        try await Task.sleep(for: .milliseconds(500))
        await Self.expectStillServing(server, dendrite)
        let reply = await slow.value
        Self.expect4xxOrClosed(reply, "slow head")
        #expect(Date().timeIntervalSince(started) < 9.5)
        // A slow body (head complete, body trickling) gets 408 at the body timeout.
        let headEnd = String(decoding: request, as: UTF8.self).range(of: "\r\n\r\n")!.upperBound.utf16Offset(in: String(decoding: request, as: UTF8.self))
        let slowBody = await RawHTTP.exchange(port: server.endpoint.port,
                                              chunks: [Array(request.prefix(headEnd))] + request.dropFirst(headEnd).prefix(6).map { [$0] },
                                              pause: 1, halfClose: false, readTimeout: 10)
        #expect(slowBody.status == 408)
        await Self.expectStillServing(server, dendrite)
    }

    @Test func idleConnectionsAreClosed() async throws {
        let server = try await Self.startAxon()
        defer { Task { await server.axon.stop() } }
        let started = Date()
        let reply = await RawHTTP.exchange(port: server.endpoint.port, chunks: [], halfClose: false, readTimeout: 8)
        #expect(reply.bytes.isEmpty)
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
