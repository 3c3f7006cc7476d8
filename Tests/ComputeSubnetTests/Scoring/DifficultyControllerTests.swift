import ComputeSubnet
import Testing

@Suite struct DifficultyControllerTests {
    let controller = try! DifficultyController()

    /// Window successes `s`, last-20 failures `f`, last-20 successful difficulty mean `avg`.
    func next(s: Int, f: Int, avg: Double?, attempts: Int? = nil) -> Int {
        controller.next(scoringStats(attempts: attempts ?? (s + f), successes: s, elapsed: 1, difficulty: avg,
                              recentFailures: f, recentDifficulty: avg))
    }

    @Test func noHistoryStartsAtTheMinimum() {
        #expect(controller.next(nil) == 6)
        #expect(next(s: 0, f: 0, avg: 11, attempts: 0) == 6)   // nothing in the window
    }

    @Test func ratioRules() {
        // base = ⌈8.2⌉ = 9; r = f/20
        #expect(next(s: 10, f: 0, avg: 8.2) == 11)   // r = 0.00 < 0.10 → +2
        #expect(next(s: 10, f: 1, avg: 8.2) == 11)   // r = 0.05 < 0.10 → +2
        #expect(next(s: 10, f: 2, avg: 8.2) == 10)   // r = 0.10 < 0.20 → +1
        #expect(next(s: 10, f: 3, avg: 8.2) == 10)   // r = 0.15 → +1
        #expect(next(s: 10, f: 4, avg: 8.2) == 9)    // r = 0.20: neither < 0.20 nor > 0.25 → 9
        #expect(next(s: 10, f: 5, avg: 8.2) == 9)    // r = 0.25 → 9
        #expect(next(s: 10, f: 6, avg: 8.2) == 8)    // r = 0.30 > 0.25 → −1
    }

    @Test func risingNeedsMoreThanFourSuccesses() {
        #expect(next(s: 4, f: 0, avg: 8.2) == 9)     // s = 4 → no rise, base 9
        #expect(next(s: 5, f: 0, avg: 8.2) == 11)    // s = 5 > 4 → +2
    }

    @Test func failuresBringTheDifficultyDownEvenWithoutSuccesses() {
        // Last successes were at 12, now everything fails: 12 − 1 = 11 (the original stayed at 12).
        #expect(next(s: 0, f: 20, avg: 12) == 11)
    }

    @Test func boundsHold() {
        #expect(next(s: 10, f: 0, avg: 11.5) == 12)  // ⌈11.5⌉ + 2 = 14 → 12
        #expect(next(s: 10, f: 10, avg: 6) == 6)     // 6 − 1 = 5 → 6
        #expect(next(s: 0, f: 20, avg: nil) == 6)    // no success ever: base 6, −1 → 6
        let narrow = try! DifficultyController(min: 7, max: 10)
        #expect(narrow.next(nil) == 7)
        #expect(narrow.next(scoringStats(attempts: 10, successes: 10, elapsed: 1, difficulty: 9.1)) == 10)
        #expect(narrow.next(scoringStats(attempts: 20, successes: 0, elapsed: nil, difficulty: nil, recentFailures: 20)) == 7)
    }

    @Test func invalidBoundsAreATypedError() {
        #expect(throws: ScoringError.invalidDifficultyBounds(min: 9, max: 8)) { try DifficultyController(min: 9, max: 8) }
        #expect(throws: ScoringError.self) { try DifficultyController(min: 0, max: 8) }
    }
}
