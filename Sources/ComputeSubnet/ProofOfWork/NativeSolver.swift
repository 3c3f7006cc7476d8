import Bittensor
import Foundation
import PowKernel
import Synchronization

/// Solves challenges on the CPU with the SIMD BLAKE2b kernel (`PowKernel`), on all cores by
/// default. The keyspace is enumerated in charset order in small chunks that the threads take
/// in turn, so the search stops within a chunk (a few milliseconds) of the answer, the deadline
/// or cancellation.
public struct NativeSolver: Solver {
    public var backend: SolverBackend { .native }
    /// Worker threads (default: every core).
    public var threads: Int
    /// Candidates per chunk between stop checks.
    public var chunkSize: UInt64 = 1 << 15

    public init(threads: Int? = nil) {
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// True when the dispatched kernel is a vector one (AVX-512 or AVX2); otherwise the solver
    /// uses the portable C kernel, one candidate at a time.
    public static var vectorKernelAvailable: Bool { kernelImplementation != .portable }

    /// The kernel implementation this process runs (`PowKernel.Implementation.selected`):
    /// avx512, avx2 or portable, from the CPU's features or `SN27_POW_KERNEL`.
    public static var kernelImplementation: PowKernel.Implementation { .selected }

    /// `kernelImplementation`'s name, for logs and benchmark output.
    public static var kernelName: String { kernelImplementation.rawValue }

    public func solve(_ challenge: PowChallenge, deadline: ContinuousClock.Instant) async throws -> Solution {
        let search = try Search(challenge: challenge, chunkSize: chunkSize)
        let state = SearchState()
        let start = ContinuousClock.now
        let threadCount = threads
        let found: UInt64? = await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<UInt64?, Never>) in
                let box = FinishBox(done)
                for _ in 0..<threadCount {
                    let thread = Thread {
                        search.run(state: state, deadline: deadline)
                        if state.finishedThreads.add(1, ordering: .acquiringAndReleasing).newValue == threadCount {
                            box.resume(state.result)
                        }
                    }
                    thread.stackSize = 1 << 20
                    thread.start()
                }
            }
        } onCancel: {
            state.cancel()
        }
        let seconds = (ContinuousClock.now - start).seconds
        let hashes = state.hashes.load(ordering: .relaxed)
        if let found {
            return Solution(password: search.password(at: found), hashes: hashes, seconds: seconds, backend: .native)
        }
        if state.cancelled.load(ordering: .relaxed) || Task.isCancelled {
            throw SolverError(.cancelled, hashes: hashes, seconds: seconds)
        }
        if state.deadlineHit.load(ordering: .relaxed) {
            throw SolverError(.deadlineExpired, hashes: hashes, seconds: seconds)
        }
        throw SolverError(.exhausted, hashes: hashes, seconds: seconds)
    }

    /// Measures this solver's throughput (hashes per second) on a keyspace with no answer.
    public func measureThroughput(seconds: Double = 2) async -> Double {
        // A hash no 8-character password from this charset produces (all-zero digest).
        let challenge = PowChallenge(hash: PowChallenge.hashPrefix + String(repeating: "0", count: 128),
                                  salt: "0123456789abcdef", chars: "abcdefghij",
                                  mask: String(repeating: "?1", count: 12), difficulty: 12)
        do {
            _ = try await solve(challenge, timeout: seconds)
            return 0
        } catch let error as SolverError {
            return error.seconds > 0 ? Double(error.hashes) / error.seconds : 0
        } catch {
            return 0
        }
    }
}

/// Resumes a continuation once, from whichever thread finishes last.
private final class FinishBox: @unchecked Sendable {
    let continuation: CheckedContinuation<UInt64?, Never>
    init(_ continuation: CheckedContinuation<UInt64?, Never>) { self.continuation = continuation }
    func resume(_ value: UInt64?) { continuation.resume(returning: value) }
}

/// State shared by the worker threads of one search.
final class SearchState: Sendable {
    let nextChunk = Atomic<UInt64>(0)
    let hashes = Atomic<UInt64>(0)
    let finishedThreads = Atomic<Int>(0)
    let stop = Atomic<Bool>(false)
    let cancelled = Atomic<Bool>(false)
    let deadlineHit = Atomic<Bool>(false)
    /// The smallest matching index found, UInt64.max when none.
    let found = Atomic<UInt64>(.max)

    var result: UInt64? {
        let f = found.load(ordering: .acquiring)
        return f == .max ? nil : f
    }

    func cancel() {
        cancelled.store(true, ordering: .releasing)
        stop.store(true, ordering: .releasing)
    }

    func record(_ index: UInt64) {
        // A compare-exchange loop: `Atomic<UInt64>.min` compares as signed on this toolchain.
        var current = found.load(ordering: .acquiring)
        while index < current {
            let (exchanged, original) = found.compareExchange(
                expected: current, desired: index, ordering: .acquiringAndReleasing)
            if exchanged { break }
            current = original
        }
        stop.store(true, ordering: .releasing)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
