import Foundation

/// A pool of dedicated threads that runs forward handlers (a Swift `TaskExecutor`), so a handler
/// that blocks (a process wait, a busy loop) holds one of these threads, never the cooperative
/// pool or the event loops that serve other requests.
final class ForwardExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false
    private var threads: [Thread] = []

    init(threads count: Int, name: String = "axon-forward") {
        for i in 0..<max(1, count) {
            let thread = Thread { [self] in self.runLoop() }
            thread.name = "\(name)-\(i)"
            thread.stackSize = 1 << 20
            threads.append(thread)
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            if head == jobs.count && stopping {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head > 1024 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
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
