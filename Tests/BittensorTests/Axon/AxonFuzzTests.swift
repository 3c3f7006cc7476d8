import ComputeSubnetTestSupport
import Foundation
import Testing

@testable import Bittensor

/// A bounded fuzz run: random bytes and mutated real requests against one axon. Every answer is
/// a 2xx/4xx or a closed connection (never a 5xx, never a crash or hang), and the axon still
/// serves afterwards. The count is fixed (`AXON_FUZZ_CASES`, default 2,000) and the seed printed.
@Suite(.serialized) struct AxonFuzzTests {
    typealias SplitMix = SplitMix64

    static func mutate(_ input: [UInt8], rng: inout SplitMix) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...6, using: &rng) where !bytes.isEmpty {
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...64, using: &rng)))
            case 2: bytes.insert(contentsOf: (0..<Int.random(in: 1...32, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: i)
            case 3: bytes = Array(bytes.prefix(i))
            case 4: bytes.insert(contentsOf: bytes[i..<min(bytes.count, i + 40)], at: i)
            default: bytes[i] = [0x22, 0x7b, 0x7d, 0x3a, 0x2c, 0x0d, 0x0a, 0x30, 0x5c][Int.random(in: 0..<9, using: &rng)]
            }
        }
        return bytes
    }

    @Test func randomAndMutatedRequests() async throws {
        let cases = Int(ProcessInfo.processInfo.environment["AXON_FUZZ_CASES"] ?? "") ?? 2_000
        let seed = UInt64(ProcessInfo.processInfo.environment["AXON_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
        print("axon fuzz: \(cases) cases, seed \(seed) (AXON_FUZZ_SEED to replay)")
        let server = try await TestAxon.start { c in
            c.maxBodyBytes = 256 * 1024
            c.headerReadTimeout = .seconds(2)
            c.bodyReadTimeout = .seconds(2)
        }
        let dendrite = Dendrite(keypair: TestKeys.alice)
        defer { Task { await server.axon.stop(); try? await dendrite.shutdown() } }
        var rng = SplitMix(seed: seed)
        var inputs: [[UInt8]] = []
        for n in 0..<cases {
            if n % 2 == 0 {
                var junk = (0..<Int.random(in: 0...1500, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                if n % 4 == 0 { junk = Array("POST /Challenge HTTP/1.1\r\n".utf8) + junk }
                inputs.append(junk)
            } else {
                var challenge = CapturedChallenge()
                challenge.challengeHash = "fuzz\(n)"
                let valid = try RawHTTP.request(challenge, dendrite: dendrite, axon: server.endpoint, timeout: 5)
                inputs.append(Self.mutate(valid, rng: &rng))
            }
        }
        let port = server.endpoint.port
        let statuses = await withTaskGroup(of: [Int?].self) { group in
            let lanes = 8
            for lane in 0..<lanes {
                let mine = stride(from: lane, to: inputs.count, by: lanes).map { inputs[$0] }
                group.addTask {
                    var out: [Int?] = []
                    for input in mine { out.append(await RawHTTP.exchange(port: port, chunks: [input], readTimeout: 4).status) }
                    return out
                }
            }
            var all: [Int?] = []
            for await s in group { all += s }
            return all
        }
        #expect(statuses.count == cases)
        let bad = statuses.compactMap { $0 }.filter { $0 >= 500 || $0 < 200 }
        #expect(bad.isEmpty, "server errors: \(bad.prefix(10))")
        let counts = Dictionary(grouping: statuses.map { $0.map(String.init) ?? "closed" }, by: { $0 }).mapValues(\.count)
        print("axon fuzz statuses: \(counts.sorted { $0.key < $1.key })")
        let ok = await dendrite.call(axon: server.endpoint, synapse: CapturedChallenge(), timeout: 5)
        #expect(ok.dendrite.statusCode == 200)
    }
}
