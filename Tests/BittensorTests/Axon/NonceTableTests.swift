import Testing

@testable import Bittensor

@Suite struct NonceTableTests {
    let now = 1_795_629_155_000_000_000
    let modern = 10_005_000

    @Test func parallelRequestsAcceptedInAnyOrderWithinTheWindow() async {
        let table = NonceTable()
        // 64 nonces issued by one dendrite, arriving shuffled.
        let nonces = (0..<64).map { now - 1_000_000 * $0 }.shuffled()
        for n in nonces {
            #expect(await table.accept(hotkey: "v", uuid: "u", nonce: n, version: modern, timeout: 12, now: now) == .accepted)
        }
    }

    @Test func exactReplaysAreRejected() async {
        let table = NonceTable()
        #expect(await table.accept(hotkey: "v", uuid: "u", nonce: now - 5, version: modern, timeout: 12, now: now) == .accepted)
        #expect(await table.accept(hotkey: "v", uuid: "u", nonce: now - 5, version: modern, timeout: 12, now: now + 10) == .replayed)
        // Another uuid or hotkey is another sequence.
        #expect(await table.accept(hotkey: "v", uuid: "u2", nonce: now - 5, version: modern, timeout: 12, now: now) == .accepted)
        #expect(await table.accept(hotkey: "w", uuid: "u", nonce: now - 5, version: modern, timeout: 12, now: now) == .accepted)
    }

    @Test func staleNoncesAreRejectedWithTheSDKsWindow() async {
        let table = NonceTable()
        let verdict = await table.accept(hotkey: "v", uuid: "u", nonce: now - 30_000_000_000, version: modern, timeout: 12, now: now)
        #expect(verdict == .tooOld(allowedSeconds: 16, ageSeconds: 30))
        #expect(await table.accept(hotkey: "v", uuid: "u", nonce: now - 15_000_000_000, version: modern, timeout: 12, now: now) == .accepted)
    }

    @Test func theUnsignedTimeoutCannotWidenTheWindowBeyondTheCap() async {
        let table = NonceTable(baseWindow: 4, maxTimeout: 60)
        let verdict = await table.accept(hotkey: "v", uuid: "u", nonce: now - 100_000_000_000, version: modern, timeout: 1e9, now: now)
        #expect(verdict == .tooOld(allowedSeconds: 64, ageSeconds: 100))
    }

    @Test func legacyDendritesNeedStrictlyIncreasingNonces() async {
        let table = NonceTable()
        #expect(await table.accept(hotkey: "v", uuid: "u", nonce: 1, version: 6_008_002, timeout: 12, now: now) == .accepted)
        #expect(await table.accept(hotkey: "v", uuid: "u", nonce: 1, version: 6_008_002, timeout: 12, now: now) == .replayed)
        #expect(await table.accept(hotkey: "v", uuid: "u", nonce: 2, version: nil, timeout: 12, now: now) == .accepted)
    }

    @Test func forgottenNoncesStayRejectedAndTheTableShrinks() async {
        let table = NonceTable(baseWindow: 4, maxTimeout: 12)
        for i in 0..<1_000 {
            _ = await table.accept(hotkey: "v\(i % 10)", uuid: "u", nonce: now + i, version: modern, timeout: 12, now: now)
        }
        #expect(await table.count == 1_000)
        let later = now + 20_000_000_000
        // Pruning runs on the next call; the old nonce is refused by age, not by memory.
        #expect(await table.accept(hotkey: "v1", uuid: "u", nonce: now + 1, version: modern, timeout: 12, now: later)
            == .tooOld(allowedSeconds: 16, ageSeconds: 19.999999999))
        #expect(await table.count == 0)
    }
}

@Suite struct ForwardGateTests {
    @Test func admitsUpToTheLimitQueuesByPriorityAndRefusesBeyond() async throws {
        let gate = ForwardGate(maxConcurrent: 1, maxQueued: 2)
        let loop = NIOSingletonLoop.loop
        #expect(await gate.acquire(priority: 0, deadline: .now() + .seconds(5), timerLoop: loop) == .admitted)
        let order = OrderRecorder()
        let low = Task { let a = await gate.acquire(priority: 1, deadline: .now() + .seconds(5), timerLoop: loop); await order.add("low"); return a }
        try await Task.sleep(for: .milliseconds(50))
        let high = Task { let a = await gate.acquire(priority: 9, deadline: .now() + .seconds(5), timerLoop: loop); await order.add("high"); return a }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await gate.acquire(priority: 100, deadline: .now() + .seconds(5), timerLoop: loop) == .full)
        gate.release()
        #expect(await high.value == .admitted)
        gate.release()
        #expect(await low.value == .admitted)
        #expect(await order.items == ["high", "low"])
        gate.release()
        #expect(gate.load.running == 0)
    }

    @Test func aWaiterLeavesAtItsDeadline() async {
        let gate = ForwardGate(maxConcurrent: 1, maxQueued: 8)
        let loop = NIOSingletonLoop.loop
        #expect(await gate.acquire(priority: 0, deadline: .now() + .seconds(5), timerLoop: loop) == .admitted)
        #expect(await gate.acquire(priority: 0, deadline: .now() + .milliseconds(50), timerLoop: loop) == .timedOut)
        #expect(gate.load.waiting == 0)
        gate.release()
        #expect(gate.load.running == 0)
    }
}

actor OrderRecorder {
    var items: [String] = []
    func add(_ s: String) { items.append(s) }
}

import NIOCore
import NIOPosix

enum NIOSingletonLoop {
    static var loop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
}
