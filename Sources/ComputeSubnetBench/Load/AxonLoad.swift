import Bittensor
import ComputeSubnet
import Foundation

/// A closed-loop load on one axon: C workers, each sending one Specs request at a time through
/// its own dendrite (so its own uuid and nonce order), for a given time; latencies in ms.
package enum AxonLoad {
    package struct Result: Codable, Sendable {
        package var requests_per_second: Double
        package var p50_ms: Double
        package var p99_ms: Double
        package var errors: Int
        package var requests: Int
    }

    package static func round(_ v: Double, _ digits: Int) -> Double {
        let f = pow(10.0, Double(digits))
        return (v * f).rounded() / f
    }

    /// C workers, each sending one request at a time through its own dendrite, for `seconds`.
    package static func run(dendrites: [Dendrite], endpoint: AxonEndpoint, seconds: Double) async -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let end = start.advanced(by: .nanoseconds(Int64(seconds * 1e9)))
        let perWorker = await withTaskGroup(of: ([Double], Int).self) { group in
            for dendrite in dendrites {
                group.addTask {
                    var latencies: [Double] = []
                    latencies.reserveCapacity(4096)
                    var errors = 0
                    // At least one request per worker, even when the task starts after the end.
                    repeat {
                        let t = clock.now
                        let answer = await dendrite.call(axon: endpoint, synapse: Specs(), timeout: 12)
                        let elapsed = t.duration(to: clock.now)
                        latencies.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
                        if answer.dendrite.statusCode != 200 { errors += 1 }
                    } while clock.now < end
                    return (latencies, errors)
                }
            }
            var all: [([Double], Int)] = []
            for await r in group { all.append(r) }
            return all
        }
        let elapsed = start.duration(to: clock.now)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let latencies = perWorker.flatMap(\.0).sorted()
        let errors = perWorker.reduce(0) { $0 + $1.1 }
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[max(0, Int((p / 100 * Double(latencies.count)).rounded(.up)) - 1)]
        }
        return Result(requests_per_second: round(Double(latencies.count) / wall, 1), p50_ms: round(percentile(50), 3),
                      p99_ms: round(percentile(99), 3), errors: errors, requests: latencies.count)
    }

    /// CPU milliseconds per `Dendrite.prepare` (TerminalInfos, body hash, sr25519 signature, JSON body, headers).
    package static func buildSignCost(dendrite: Dendrite, hotkey: String) throws -> Double {
        let endpoint = AxonEndpoint(ip: "127.0.0.1", port: 8091, hotkey: hotkey)
        func cpuNanos() -> Int {
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
        }
        for _ in 0..<200 { var s = Specs(); _ = try dendrite.prepare(&s, for: endpoint, timeout: 12) }
        let n = 2_000
        let t0 = cpuNanos()
        for _ in 0..<n { var s = Specs(); _ = try dendrite.prepare(&s, for: endpoint, timeout: 12) }
        return Double(cpuNanos() - t0) / Double(n) / 1e6
    }

    /// The Specs answer `peer_axon.py` gives (same size on both sides).
    package static let specsText = #"{"cpu": {"count": 16, "frequency": 3100.0}, "gpu": {"count": 1, "capacity": 81559, "details": [{"name": "NVIDIA H100 80GB HBM3", "capacity": 81559}], "graphics_speed": 1980, "memory_speed": 2619}, "hard_disk": {"total": 1000204886016, "free": 812345675776, "used": 187859210240, "write_speed": 1650.25, "read_speed": 3020.71}, "ram": {"total": 135089913856, "available": 128849018880, "used": 5168709632, "free": 127481651200, "swap_total": 0, "swap_used": 0, "swap_free": 0, "read_speed": 12034.5, "write_speed": 8512.3}, "has_docker": true}"#
}
