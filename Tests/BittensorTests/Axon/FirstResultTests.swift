import NIOCore
import NIOPosix
import Testing

@testable import Bittensor

/// The once-only result a forward races against its deadline: the deadline's timer must not
/// outlive an answered request on the event loop.
@Suite(.timeLimit(.minutes(1))) struct FirstResultTests {
    @Test("the first value wins and cancels the deadline timer, whichever order the two were set in")
    func firstValueCancelsTimer() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        for timerFirst in [true, false] {
            let box = TimerBox()
            let value: Int = await withCheckedContinuation { continuation in
                let first = FirstResult(continuation)
                let timer = loop.scheduleTask(in: .hours(1)) { first.resume(-1) }
                box.timer = timer
                if timerFirst {
                    first.cancelOnResolve(timer)
                    first.resume(7)
                } else {
                    first.resume(7)
                    first.cancelOnResolve(timer)
                }
                first.resume(8) // ignored
            }
            #expect(value == 7)
            let timer = try #require(box.timer)
            await #expect(throws: EventLoopError.cancelled) { try await timer.futureResult.get() }
        }
    }

    @Test("a timer that fires first resolves with its own value")
    func timerWins() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let value: Int = await withCheckedContinuation { continuation in
            let first = FirstResult(continuation)
            first.cancelOnResolve(loop.scheduleTask(in: .milliseconds(10)) { first.resume(-1) })
        }
        #expect(value == -1)
    }

    final class TimerBox: @unchecked Sendable { var timer: Scheduled<Void>? }
}
