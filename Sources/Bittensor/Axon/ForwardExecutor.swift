import Foundation

/// An elastic pool of dedicated threads that runs forward handlers (a Swift `TaskExecutor`), so a
/// handler that blocks (a process wait, a busy loop) holds one of these threads, never the
/// cooperative pool or the event loops. When every thread is busy a new one starts (up to
/// `maxThreads`); threads above `minThreads` exit after `idleSeconds` without work.
final class ForwardExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false
    private var threadCount = 0
    private var idleCount = 0
    private let minThreads: Int
    private let maxThreads: Int
    private let idleSeconds: Double
    private let name: String

    init(minThreads: Int, maxThreads: Int = 512, idleSeconds: Double = 10, name: String = "axon-forward") {
        self.minThreads = max(1, minThreads)
        self.maxThreads = max(self.minThreads, maxThreads)
        self.idleSeconds = idleSeconds
        self.name = name
        condition.lock()
        for _ in 0..<self.minThreads { spawnLocked() }
        condition.unlock()
    }

    private func spawnLocked() {
        threadCount += 1
        let thread = Thread { [self] in self.runLoop() }
        thread.name = "\(name)-\(threadCount)"
        thread.stackSize = 1 << 20
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        let pending = jobs.count - head
        if pending > idleCount && threadCount < maxThreads && !stopping {
            spawnLocked()
        } else {
            condition.signal()
        }
        condition.unlock()
    }

    private func runLoop() {
        condition.lock()
        while true {
            while head == jobs.count && !stopping {
                idleCount += 1
                let signalled = condition.wait(until: Date().addingTimeInterval(idleSeconds))
                idleCount -= 1
                if !signalled && head == jobs.count && threadCount > minThreads {
                    threadCount -= 1
                    condition.unlock()
                    return
                }
            }
            if head == jobs.count && stopping {
                threadCount -= 1
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
            condition.lock()
        }
    }

    /// Lets the threads finish queued jobs and exit.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }
}
