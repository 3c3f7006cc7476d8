import NIOCore

/// A `TaskExecutor` that runs jobs on one NIO event loop's thread.
///
/// The axon runs a request's async pipeline (admission, verification, body parsing, the answer)
/// with this as the task's executor preference, on the loop that owns the connection: the
/// awaits between the stages are then queue appends on the same thread instead of wake-ups of
/// the cooperative pool and of the loop (the profile of a busy axon showed those wake-ups, not
/// the work, as its largest cost). Forward handlers still run on `ForwardExecutor`'s threads.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
