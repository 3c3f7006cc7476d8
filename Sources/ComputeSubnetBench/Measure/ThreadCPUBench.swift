import Foundation

/// Per-operation cost in CPU time of the calling thread, best of several batches: steadier than
/// wall time on a shared machine (other processes' work is not counted, preemption mostly is not),
/// and the best batch drops the batches a busy neighbour disturbed. The same rule as the Python
/// anchors use with `time.thread_time()`, so the two sides compare like with like.
package enum ThreadCPUBench {
    /// CPU seconds the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`).
    package static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` once to warm up, then `batches` batches of `iterations` calls; returns the
    /// fastest batch's CPU seconds per call.
    package static func secondsPerCall(iterations: Int, batches: Int = 5, _ body: () throws -> Void) rethrows -> Double {
        precondition(iterations > 0 && batches > 0)
        try body()
        var best = Double.infinity
        for _ in 0..<batches {
            let start = now()
            for _ in 0..<iterations { try body() }
            best = min(best, (now() - start) / Double(iterations))
        }
        return best
    }

    /// Python for the same measurement (`best(f)` takes `f(i)`; `n` and `batches` are globals the
    /// caller defines), to paste into an anchor script.
    package static let pythonBest = """
        def best(f):
            b = float("inf")
            f(0)
            for _ in range(batches):
                t = time.thread_time()
                for i in range(n): f(i)
                b = min(b, (time.thread_time() - t) / n)
            return b
        """
}
