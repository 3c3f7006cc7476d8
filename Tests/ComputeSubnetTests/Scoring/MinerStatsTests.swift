import ComputeSubnet
import Foundation
import Testing

@Suite struct MinerStatsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func record(_ hotkey: String = "m", ok: Bool, difficulty: Int = 7, elapsed: Double? = 2, ago: TimeInterval) -> ChallengeRecord {
        ChallengeRecord(uid: 1, hotkey: hotkey, success: ok, elapsed: ok ? elapsed : nil, difficulty: difficulty,
                        createdAt: now.addingTimeInterval(-ago))
    }

    @Test func windowAggregatesCoverTheLast24HoursOnly() throws {
        let records = [
            record(ok: true, difficulty: 8, elapsed: 4, ago: 60),
            record(ok: true, difficulty: 10, elapsed: 8, ago: 23 * 3600),
            record(ok: false, difficulty: 12, ago: 24 * 3600),           // exactly 24 h: still in
            record(ok: true, difficulty: 12, elapsed: 1, ago: 24 * 3600 + 1), // out of the window
        ]
        let s = try #require(MinerStats.aggregate(records, now: now)["m"])
        #expect(s.attempts == 3 && s.successes == 2 && s.failures == 1)
        #expect(s.averageElapsed == 6)          // (4 + 8)/2
        #expect(s.averageDifficulty == 9)       // (8 + 10)/2
        // Last-20 counts every age: 1 failure; successful difficulties 8, 10, 12 → 10
        #expect(s.recentFailures == 1)
        #expect(s.recentAverageDifficulty == 10)
    }

    @Test func lastTwentyAreTheNewestTwenty() throws {
        // 25 challenges, one per minute, newest first: the 5 oldest fail at difficulty 6,
        // the 20 newest: 15 succeed at 9, then 5 fail.
        var records: [ChallengeRecord] = []
        for i in 0..<25 {
            let ago = Double(25 - i) * 60    // i = 24 is the newest
            switch i {
            case 0..<5: records.append(record(ok: false, difficulty: 6, ago: ago))
            case 5..<20: records.append(record(ok: true, difficulty: 9, ago: ago))
            default: records.append(record(ok: false, difficulty: 11, ago: ago))
            }
        }
        let s = try #require(MinerStats.aggregate(records.shuffled(), now: now)["m"])
        #expect(s.attempts == 25 && s.failures == 10)
        #expect(s.recentFailures == 5)           // only the newest 5 failures are among the last 20
        #expect(s.recentAverageDifficulty == 9)
    }

    @Test func minersWithoutAWindowRowAreAbsent() {
        let stats = MinerStats.aggregate([record("old", ok: true, ago: 2 * 24 * 3600), record("new", ok: false, ago: 1)], now: now)
        #expect(stats["old"] == nil)
        #expect(stats["new"]?.successes == 0 && stats["new"]?.averageElapsed == nil)
    }
}
