import ComputeSubnet
import Foundation

/// Runs a plan's challenges one after another, verifying every answer.
package struct BenchmarkRunner {
    package let solver: any Solver
    package let timeout: Double

    package init(solver: any Solver, timeout: Double) {
        self.solver = solver
        self.timeout = timeout
    }

    package struct DifficultyResult {
        package var difficulty: Int
        package var attempted: Int
        package var solved: Int
        /// Seconds of the verified solves.
        package var times: [Double]

        package var json: [String: Any] {
            ["difficulty": difficulty, "attempted": attempted, "solved": solved,
             "success_rate": attempted > 0 ? Double(solved) / Double(attempted) : 0,
             "mean_seconds": mean ?? NSNull(), "p50_seconds": p50 ?? NSNull(), "max_seconds": times.max() ?? NSNull()]
        }
        package var mean: Double? { times.isEmpty ? nil : times.reduce(0, +) / Double(times.count) }
        package var p50: Double? { times.isEmpty ? nil : times.sorted()[times.count / 2] }
    }

    package func run(_ plan: BenchmarkPlan, progress: (Int, Int) -> Void) async -> [DifficultyResult] {
        let total = plan.difficulties.count * plan.count
        var done = 0
        var results: [DifficultyResult] = []
        progress(0, total)
        for d in plan.difficulties {
            var r = DifficultyResult(difficulty: d, attempted: 0, solved: 0, times: [])
            for _ in 0..<plan.count {
                let issued = ChallengeGenerator().generate(difficulty: d)
                r.attempted += 1
                if let s = try? await solver.solve(issued.challenge, timeout: timeout),
                   ChallengeVerifier().verify(s.password, for: issued.challenge) {
                    r.solved += 1
                    r.times.append(s.seconds)
                }
                done += 1
                progress(done, total)
            }
            results.append(r)
        }
        return results
    }

    /// Mean seconds over the challenges, nil when any fails.
    package static func meanTime(solver: any Solver, challenges: [IssuedChallenge], timeout: Double) async -> Double? {
        var total = 0.0
        for issued in challenges {
            guard let s = try? await solver.solve(issued.challenge, timeout: timeout),
                  ChallengeVerifier().verify(s.password, for: issued.challenge) else { return nil }
            total += s.seconds
        }
        return challenges.isEmpty ? nil : total / Double(challenges.count)
    }

    package static func table(_ results: [DifficultyResult]) -> String {
        var lines = ["Completed benchmarking with the following results:",
                     "difficulty | solved | success |   mean s |    p50 s |    max s"]
        for r in results {
            func f(_ v: Double?) -> String { v.map { String(format: "%8.3f", $0) } ?? "     n/a" }
            let rate = r.attempted > 0 ? 100 * Double(r.solved) / Double(r.attempted) : 0
            let solved = "\(r.solved)/\(r.attempted)"
            let padded = String(repeating: " ", count: max(0, 6 - solved.count)) + solved
            lines.append(String(format: "%10d | ", r.difficulty) + padded + String(format: " | %6.1f%% | ", rate)
                         + "\(f(r.mean)) | \(f(r.p50)) | \(f(r.times.max()))")
        }
        return lines.joined(separator: "\n")
    }
}
