import ComputeSubnet
import Testing

/// Stats with the window and last-20 aggregates given directly.
func scoringStats(
    attempts: Int, successes: Int, elapsed: Double?, difficulty: Double?,
    recentFailures: Int = 0, recentDifficulty: Double? = nil, hotkey: String = "5Miner"
) -> MinerStats {
    MinerStats(
        hotkey: hotkey, attempts: attempts, failures: attempts - successes, successes: successes,
        averageElapsed: elapsed, averageDifficulty: difficulty,
        recentFailures: recentFailures, recentAverageDifficulty: recentDifficulty ?? difficulty
    )
}

@Suite struct ScoreFormulaTests {
    let formula = ScoreFormula()

    @Test func namedConstantsAreTheSeeds() {
        #expect(formula.successWeight == 1.0 && formula.difficultyWeight == 1.0)
        #expect(formula.timeWeight == 0.5 && formula.failureWeight == 0.5 && formula.allocationWeight == 0.4)
        #expect(formula.maxChallengeScore == 250)   // 100·(1 + 1 + 0.5)
        #expect(formula.maxScore == 290)            // 250 + 100·0.4
    }

    @Test func typicalMiner() {
        // S = 100·9/10 = 90; D = 100·(9−6)/6 = 50; T = 100·(30−6)/30 = 80; F = 100·1/20 = 5
        // score = 90 + 50 + 0.5·80 − 0.5·5 = 90 + 50 + 40 − 2.5 = 177.5
        let s = scoringStats(attempts: 10, successes: 9, elapsed: 6, difficulty: 9, recentFailures: 1)
        let c = formula.components(s)
        #expect(c.success == 90 && c.difficulty == 50 && c.time == 80 && c.failure == 5 && c.allocation == 50)
        #expect(abs(formula.score(s) - 177.5) < 1e-9)
    }

    @Test func perfectMinerEarnsTheMaxChallengeScore() {
        // S = 100, D = 100·(12−6)/6 = 100, T = 100·30/30 = 100, F = 0 → 100 + 100 + 50 = 250
        let s = scoringStats(attempts: 20, successes: 20, elapsed: 0, difficulty: 12)
        #expect(formula.score(s) == 250)
    }

    @Test func componentsAreClamped() {
        // difficulty 14 → clamp 12 → D = 100; 5 → clamp 6 → D = 0; elapsed 45 s → T = −50 → 0
        #expect(formula.components(scoringStats(attempts: 1, successes: 1, elapsed: 45, difficulty: 14)).difficulty == 100)
        let slow = formula.components(scoringStats(attempts: 1, successes: 1, elapsed: 45, difficulty: 5))
        #expect(slow.difficulty == 0 && slow.time == 0)
        // 7.5 → D = 100·1.5/6 = 25; 12 s → T = 100·18/30 = 60
        let mid = formula.components(scoringStats(attempts: 1, successes: 1, elapsed: 12, difficulty: 7.5))
        #expect(mid.difficulty == 25 && abs(mid.time - 60) < 1e-9)
    }

    @Test func negativeTotalsFloorAtZero() {
        // S = 100·1/20 = 5; D = 0; T = 100·(30−29.7)/30 = 1; F = 100·9/20 = 45
        // 5 + 0 + 0.5 − 22.5 = −17 → 0
        let s = scoringStats(attempts: 20, successes: 1, elapsed: 29.7, difficulty: 6, recentFailures: 9)
        #expect(formula.score(s) == 0)
    }

    @Test func zeroWithoutASuccessInTheWindow() {
        #expect(formula.score(nil) == 0)
        #expect(formula.score(scoringStats(attempts: 5, successes: 0, elapsed: nil, difficulty: nil, recentFailures: 5)) == 0)
        // A miner without a success gets no time credit either.
        #expect(formula.components(scoringStats(attempts: 5, successes: 0, elapsed: nil, difficulty: nil)).time == 0)
    }

    @Test func zeroFromTenOfTheLastTwentyFailed() {
        // 9 failures: S = 80, D = 100·(8−6)/6 = 33.33…, T = 100·(30−3)/30 = 90, F = 45
        // 80 + 33.333 + 45 − 22.5 = 135.833…
        let nine = scoringStats(attempts: 50, successes: 40, elapsed: 3, difficulty: 8, recentFailures: 9)
        #expect(abs(formula.score(nine) - (80 + 100.0 / 3 + 45 - 22.5)) < 1e-9)
        let ten = scoringStats(attempts: 50, successes: 40, elapsed: 3, difficulty: 8, recentFailures: 10)
        #expect(formula.score(ten) == 0)
    }

    @Test func allocatedScoreIs250PlusPointFourA() {
        // A = D = 100·(9−6)/6 = 50 → 250 + 0.4·50 = 270
        let s = scoringStats(attempts: 10, successes: 9, elapsed: 6, difficulty: 9, recentFailures: 1)
        #expect(formula.score(s, allocated: true) == 270)
        // Zero rules do not apply: 15 of the last 20 failed, still 270.
        let failing = scoringStats(attempts: 20, successes: 5, elapsed: 6, difficulty: 9, recentFailures: 15)
        #expect(formula.score(failing, allocated: true) == 270)
        // No statistics (not challenged while rented): 250 + 0.4·0 = 250, never 0.
        #expect(formula.score(nil, allocated: true) == 250)
        // At difficulty 12: 250 + 0.4·100 = 290 = maxScore, above every challenge score.
        #expect(formula.score(scoringStats(attempts: 1, successes: 1, elapsed: 1, difficulty: 12), allocated: true) == formula.maxScore)
    }

    @Test func penalisedMinersScoreZero() {
        let s = scoringStats(attempts: 20, successes: 20, elapsed: 0, difficulty: 12)
        #expect(formula.score(s, penalized: true) == 0)
        #expect(formula.score(s, allocated: true, penalized: true) == 0)
    }

    /// The README's worked examples (spec §8.5) cannot be reproduced by any shipped version;
    /// these are their inputs through our formula, with our outputs.
    @Test func readmeExampleOneAllocated() {
        // 95 % success, difficulty 7, 4.6 s, failure 2.6 %, allocated. README: 264.6.
        // A = D = 100·(7−6)/6 = 16.667 → 250 + 0.4·16.667 = 256.667 (the other inputs do not count)
        let s = scoringStats(attempts: 100, successes: 95, elapsed: 4.6, difficulty: 7, recentFailures: 1)
        #expect(abs(formula.score(s, allocated: true) - (250 + 0.4 * 100.0 / 6)) < 1e-9)
        #expect(abs(formula.score(s, allocated: true) - 256.667) < 1e-3)
    }

    @Test func readmeExampleTwoNotAllocated() {
        // 92 % success, difficulty 9, 16 s, failure 3.1 %, not allocated. README: 193.7.
        // 3.1 % is not a possible last-20 count (k/20 is a multiple of 5 %); we use 1 of 20 (F = 5).
        // S = 92; D = 100·(9−6)/6 = 50; T = 100·(30−16)/30 = 46.667; F = 5
        // 92 + 50 + 0.5·46.667 − 0.5·5 = 92 + 50 + 23.333 − 2.5 = 162.833
        let s = scoringStats(attempts: 100, successes: 92, elapsed: 16, difficulty: 9, recentFailures: 1)
        #expect(abs(formula.score(s) - 162.833) < 1e-3)
    }
}

@Suite struct ScoreBookTests {
    @Test func scoresForAWeightsRound() {
        let formula = ScoreFormula()
        let all = [
            "good": scoringStats(attempts: 10, successes: 9, elapsed: 6, difficulty: 9, recentFailures: 1, hotkey: "good"),
            "bad": scoringStats(attempts: 10, successes: 0, elapsed: nil, difficulty: nil, recentFailures: 10, hotkey: "bad"),
            "cheat": scoringStats(attempts: 20, successes: 20, elapsed: 0, difficulty: 12, hotkey: "cheat"),
        ]
        let scores = formula.scores(stats: all, allocated: ["rented"], penalized: ["cheat"])
        // good: 177.5 (typicalMiner); bad: 0; cheat: penalised 0; rented: no stats, 250 + 0.4·0
        #expect(scores == ["good": 177.5, "bad": 0, "cheat": 0, "rented": 250])
    }
}
