import NIOCore
import Synchronization

/// A synapse's bounded work queue: at most `maxConcurrent` forwards run; up to `maxQueued` wait,
/// highest priority first (FIFO among equals); beyond that requests are refused (503), and a
/// waiter whose deadline passes leaves the queue (408).
final class ForwardGate: Sendable {
    enum Admission: Sendable { case admitted, full, timedOut }

    private struct Waiter {
        let id: Int
        let priority: Double
        let continuation: CheckedContinuation<Admission, Never>
        let timer: Scheduled<Void>?
    }

    private struct State {
        var running = 0
        var nextID = 0
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())
    let maxConcurrent: Int
    let maxQueued: Int

    init(maxConcurrent: Int, maxQueued: Int) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.maxQueued = max(0, maxQueued)
    }

    /// Waits for a slot until `deadline`; call `release()` once after `.admitted`.
    func acquire(priority: Double, deadline: NIODeadline, timerLoop: any EventLoop) async -> Admission {
        let fast: Admission? = state.withLock { s in
            if s.running < maxConcurrent { s.running += 1; return .admitted }
            if s.waiters.count >= maxQueued { return .full }
            return nil
        }
        if let fast { return fast }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Admission, Never>) in
            let id = state.withLock { s in s.nextID += 1; return s.nextID }
            let timer = timerLoop.scheduleTask(deadline: deadline) { [self] in self.expire(id) }
            let immediate: Admission? = state.withLock { s in
                // Re-check: a slot may have been released meanwhile.
                if s.running < maxConcurrent { s.running += 1; return .admitted }
                if s.waiters.count >= maxQueued { return .full }
                // Insert after every waiter of higher or equal priority.
                let index = s.waiters.firstIndex { $0.priority < priority } ?? s.waiters.endIndex
                s.waiters.insert(Waiter(id: id, priority: priority, continuation: continuation, timer: timer), at: index)
                return nil
            }
            if let immediate {
                timer.cancel()
                continuation.resume(returning: immediate)
            }
        }
    }

    /// Frees a slot, handing it to the best waiter if any.
    func release() {
        let next: Waiter? = state.withLock { s in
            if s.waiters.isEmpty {
                s.running -= 1
                return nil
            }
            return s.waiters.removeFirst()
        }
        if let next {
            next.timer?.cancel()
            next.continuation.resume(returning: .admitted)
        }
    }

    private func expire(_ id: Int) {
        let waiter: Waiter? = state.withLock { s in
            guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: i)
        }
        waiter?.continuation.resume(returning: .timedOut)
    }

    /// Running and waiting counts (for tests and metrics).
    var load: (running: Int, waiting: Int) { state.withLock { ($0.running, $0.waiters.count) } }
}
