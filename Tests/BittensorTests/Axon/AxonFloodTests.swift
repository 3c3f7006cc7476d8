import Foundation
import Testing

@testable import Bittensor

/// A flood of unauthenticated uploads against an axon with its default limits: each is refused
/// on its head (nothing of its body is buffered), memory stays flat, a real validator is served.
@Suite(.serialized) struct AxonFloodTests {
    /// The head of a chunked 32 MiB upload with a made-up hotkey and signature, then its first
    /// body chunks: what a stranger sends to make an axon buffer.
    static func forgedUpload(port: Int, chunkCount: Int) -> [[UInt8]] {
        let head = """
            POST /Challenge HTTP/1.1\r
            host: 127.0.0.1:\(port)\r
            transfer-encoding: chunked\r
            content-type: application/json\r
            bt_header_dendrite_hotkey: 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\r
            bt_header_dendrite_nonce: \(UInt64(Date().timeIntervalSince1970 * 1e9))\r
            bt_header_dendrite_uuid: flood\r
            bt_header_dendrite_signature: 0x\(String(repeating: "ab", count: 64))\r
            computed_body_hash: \(String(repeating: "0", count: 64))\r
            \r\n
            """
        let chunk = Array("8000\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 0x8000) + Array("\r\n".utf8)
        return [Array(head.utf8)] + Array(repeating: chunk, count: chunkCount)
    }

    @Test func twoHundredForgedUploadsAreRefusedOnTheirHeadAndAValidatorIsStillServed() async throws {
        let server = try await TestAxon.start()  // the default limits: Specs/Challenge 64 KiB, 64 per IP
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        _ = await dendrite.call(axon: server.endpoint, synapse: CapturedChallenge(), timeout: 5)  // warm up
        let before = residentBytes()
        // 200 connections from four loopback addresses, each trickling 32 KiB chunks for 3 s.
        let flood = (0..<200).map { i in
            Task {
                await RawHTTP.exchange(port: server.endpoint.port, chunks: Self.forgedUpload(port: server.endpoint.port, chunkCount: 30),
                                       pause: 0.1, halfClose: false, readTimeout: 8, source: "127.0.0.\(2 + i % 4)")
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        var latencies: [Duration] = []
        var peak = residentBytes()
        for _ in 0..<40 {
            let started = ContinuousClock.now
            let reply = await dendrite.call(axon: server.endpoint, synapse: CapturedChallenge(), timeout: 5)
            latencies.append(ContinuousClock.now - started)
            #expect(reply.dendrite.statusCode == 200, "validator refused during the flood: \(reply.dendrite.statusMessage ?? "")")
            peak = max(peak, residentBytes())
        }
        var statuses: [Int?] = []
        for task in flood { statuses.append(await task.value.status) }
        print("flood statuses: \(Dictionary(grouping: statuses.map { $0.map(String.init) ?? "closed" }, by: { $0 }).mapValues(\.count))")
        // Refused on the head: 401 (signature), or closed at accept over the per-IP cap. Never 200.
        #expect(statuses.allSatisfy { $0 == nil || $0 == 401 }, "\(statuses.map { $0.map(String.init) ?? "closed" })")
        #expect(statuses.contains(401))
        let grown = peak - before
        #expect(grown < 64 << 20, "the flood grew memory by \(grown >> 20) MiB")
        latencies.sort()
        print("flood: legitimate p50 \(latencies[latencies.count / 2]), max \(latencies.last!), RSS +\(grown >> 20) MiB")
    }
}

/// This process's resident memory, in bytes (from /proc/self/statm).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
