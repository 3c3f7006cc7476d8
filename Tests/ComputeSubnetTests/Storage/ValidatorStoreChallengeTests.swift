@testable import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import Testing

struct SimulatedCrash: Error {}

@Suite struct ValidatorStoreChallengeTests {
    @Test func migrationsCreateTheSchemaOnAFreshFileAndReopen() async throws {
        let t = try TemporaryStore()
        #expect(try await t.store.tableNames() == ["allocation", "api_allocation", "api_key", "challenge_result", "grdb_migrations", "miner",
                                                 "miner_specs", "penalty"])
        try await t.store.record(round: RoundRecord(id: "r1", results: [storeResult(1)]))
        let reopened = try ValidatorStore(path: t.store.path)
        #expect(try await reopened.challengeCount() == 1)
    }

    @Test func walModeIsOn() async throws {
        let t = try TemporaryStore()
        #expect(try await t.store.journalMode() == "wal")
        try await t.store.record(round: RoundRecord(id: "r1", results: [storeResult(1)]))
        #expect(FileManager.default.fileExists(atPath: t.store.path + "-wal"))
    }

    @Test func aRoundIsWrittenInOneTransaction() async throws {
        let t = try TemporaryStore()
        let round = RoundRecord(id: "5Validator/1200", results: [storeResult(1), storeResult(2, ok: false), storeResult(3)])
        // The validator dies after the second row: nothing of the round is kept.
        await #expect(throws: StoreError.self) {
            try await t.store.record(round: round, afterInsert: { index in if index == 1 { throw SimulatedCrash() } })
        }
        #expect(try await t.store.challengeCount() == 0)
        #expect(try await t.store.record(round: round) == 3)
        #expect(try await t.store.challengeCount() == 3)
        #expect(try await t.store.results(round: "5Validator/1200") == round.results)
    }

    @Test func replayingARoundWritesNoDuplicates() async throws {
        let t = try TemporaryStore()
        let round = RoundRecord(id: "r7", results: [storeResult(1), storeResult(2)])
        #expect(try await t.store.record(round: round) == 2)
        #expect(try await t.store.record(round: round) == 0)
        // A replay with one more answer stores only the new one; another round id is new data.
        #expect(try await t.store.record(round: RoundRecord(id: "r7", results: round.results + [storeResult(3)])) == 1)
        #expect(try await t.store.record(round: RoundRecord(id: "r8", results: round.results)) == 2)
        #expect(try await t.store.challengeCount() == 5)
    }

    @Test func badRoundsAreRefusedAndChangeNothing() async throws {
        let t = try TemporaryStore()
        let bad: [RoundRecord] = [
            RoundRecord(id: "", results: [storeResult(1)]),
            RoundRecord(id: "r", results: [storeResult(1), storeResult(1)]),
            RoundRecord(id: "r", results: [storeResult(1), storeResult(2, difficulty: 0)]),
            RoundRecord(id: "r", results: [storeResult(1), storeResult(2, elapsed: -1)]),
            RoundRecord(id: "r", results: [storeResult(1), storeResult(2, elapsed: .nan)]),
            RoundRecord(id: "r", results: [storeResult(1), storeResult(2, "")]),
        ]
        for round in bad {
            await #expect(throws: StoreError.self) { try await t.store.record(round: round) }
        }
        #expect(try await t.store.challengeCount() == 0)
    }

    @Test func windowExcludesRowsOlderThan24Hours() async throws {
        let t = try TemporaryStore()
        try await t.store.record(round: RoundRecord(id: "r", results: [
            storeResult(1, "a", ok: true, difficulty: 8, elapsed: 4, ago: 60),
            storeResult(2, "a2", ok: true, ago: 24 * 3600 + 1),      // only this hotkey's row: too old
            storeResult(3, "b", ok: false, difficulty: 12, elapsed: nil, ago: 24 * 3600),   // exactly 24 h: in
            storeResult(4, "c", ok: true, ago: -60),                 // in the future of `now`: ignored
        ]))
        try await t.store.record(round: RoundRecord(id: "old", results: [storeResult(1, "a", ok: false, difficulty: 10, ago: 25 * 3600)]))
        let stats = try await t.store.stats(now: storeNow)
        #expect(Set(stats.keys) == ["a", "b"])
        let a = try #require(stats["a"])
        #expect(a.attempts == 1 && a.successes == 1 && a.failures == 0)
        #expect(a.averageElapsed == 4 && a.averageDifficulty == 8)
        #expect(a.recentFailures == 1)       // the 25-hour-old failure still counts among the last 20
        #expect(stats["b"]?.failures == 1 && stats["b"]?.averageElapsed == nil)
        // A shorter window ending at the same time.
        #expect(Set(try await t.store.stats(window: StatsWindow(duration: 3600), now: storeNow).keys) == ["a"])
    }

    @Test func lastTwentySemantics() async throws {
        let t = try TemporaryStore()
        // 25 rounds, one a minute, oldest first: 5 failures at 6, then 15 successes at 9, then 5 failures at 11.
        for i in 0..<25 {
            let ago = Double(25 - i) * 60
            let r = switch i {
            case 0..<5: storeResult(1, ok: false, difficulty: 6, elapsed: nil, ago: ago)
            case 5..<20: storeResult(1, ok: true, difficulty: 9, elapsed: 2, ago: ago)
            default: storeResult(1, ok: false, difficulty: 11, elapsed: nil, ago: ago)
            }
            try await t.store.record(round: RoundRecord(id: "r\(i)", results: [r]))
        }
        let s = try #require(try await t.store.stats(now: storeNow)["hk1"])
        #expect(s.attempts == 25 && s.failures == 10 && s.successes == 15)
        #expect(s.recentFailures == 5 && s.recentAverageDifficulty == 9)
    }

    @Test func sqlStatsEqualTheReferenceAggregation() async throws {
        let t = try TemporaryStore()
        var rng = SplitMix64(seed: 27)
        var all: [ChallengeRecord] = []
        for round in 0..<60 {
            var results: [ChallengeRecord] = []
            for uid in UInt16(0)..<12 where Int.random(in: 0..<4, using: &rng) > 0 {
                let ok = Bool.random(using: &rng)
                let ago = Double(Int.random(in: 0..<(48 * 3600), using: &rng))   // whole seconds
                results.append(storeResult(uid, ok: ok, difficulty: Int.random(in: 6...12, using: &rng),
                                      elapsed: ok ? Double(Int.random(in: 0..<30_000, using: &rng)) / 1000 : nil, ago: ago))
            }
            all += results
            try await t.store.record(round: RoundRecord(id: "r\(round)", results: results))
        }
        let sql = try await t.store.stats(now: storeNow)
        let reference = MinerStats.aggregate(all, now: storeNow)
        #expect(Set(sql.keys) == Set(reference.keys))
        for (hotkey, expected) in reference {
            let got = try #require(sql[hotkey])
            #expect(got.attempts == expected.attempts && got.failures == expected.failures && got.successes == expected.successes)
            #expect(got.recentFailures == expected.recentFailures)
            #expect(approximatelyEqual(got.averageElapsed, expected.averageElapsed) && approximatelyEqual(got.averageDifficulty, expected.averageDifficulty))
            #expect(approximatelyEqual(got.recentAverageDifficulty, expected.recentAverageDifficulty))
        }
    }

    @Test func pruningKeepsTheWindowAndTheLastTwenty() async throws {
        let t = try TemporaryStore()
        // "a": 30 failures 10 days old, then 25 successes 9 days old, one fresh failure;
        // "b": 5 rows 8 days old, 3 fresh.
        var rows: [ChallengeRecord] = [storeResult(1, "a", ok: false, elapsed: nil, ago: 3600)]
        for i in 0..<30 { rows.append(storeResult(1, "a", ok: false, elapsed: nil, ago: 10 * 86400 - Double(i))) }
        for i in 0..<25 { rows.append(storeResult(1, "a", ok: true, difficulty: 10, ago: 9 * 86400 - Double(i))) }
        for i in 0..<5 { rows.append(storeResult(2, "b", ok: false, elapsed: nil, ago: 8 * 86400 - Double(i))) }
        for i in 0..<3 { rows.append(storeResult(2, "b", ok: true, ago: 3600 - Double(i))) }
        for (i, r) in rows.enumerated() { try await t.store.record(round: RoundRecord(id: "r\(i)", results: [r])) }
        let before = try await t.store.stats(now: storeNow)
        // a's last 20: the fresh failure + 19 successes at 10; its last 20 successes: all at 10.
        #expect(before["a"]?.recentFailures == 1 && before["a"]?.recentAverageDifficulty == 10)

        // a: its 20 newest successes survive (30 failures + 5 successes deleted); b: all 8 are
        // among its last 20. Left: a 1 + 20, b 8.
        #expect(try await t.store.prune(olderThan: storeNow.addingTimeInterval(-7 * 86400)) == 35)
        #expect(try await t.store.challengeCount() == 29)
        #expect(try await t.store.stats(now: storeNow) == before)
        #expect(try await t.store.prune(olderThan: storeNow.addingTimeInterval(-7 * 86400)) == 0)
        // Keeping nothing old: everything older than the cutoff goes, the fresh rows stay.
        #expect(try await t.store.prune(olderThan: storeNow.addingTimeInterval(-86400), keepingRecent: 0) == 25)
        #expect(try await t.store.challengeCount() == 4)
    }

    @Test("pruning keeps exactly the rows a reference model keeps: random histories with tied timestamps", arguments: [0, 3, 20])
    func pruningMatchesTheModel(keep: Int) async throws {
        let t = try TemporaryStore()
        var rng = SplitMix64(seed: UInt64(41 + keep))
        // One row per call, so ids follow the array order.
        var rows: [(round: String, uid: UInt16, hotkey: String, success: Bool, ago: Double)] = []
        for i in 0..<240 {
            let uid = UInt16.random(in: 1...6, using: &rng)
            let ago = Double(Int.random(in: 0..<30, using: &rng)) * 3600 // ties on purpose
            rows.append(("r\(i)", uid, "hk\(uid)", Bool.random(using: &rng), ago))
        }
        for row in rows {
            let record = storeResult(row.uid, row.hotkey, ok: row.success, elapsed: row.success ? 1 : nil, ago: row.ago)
            try await t.store.record(round: RoundRecord(id: row.round, results: [record]))
        }
        let cutoffAgo = 12.0 * 3600
        // The model: a row older than the cutoff survives when fewer than `keep` rows of its
        // hotkey are newer, or it is a success with fewer than `keep` newer successes; newer
        // orders by (time, id), and ids follow insertion.
        func newer(_ a: Int, _ b: Int) -> Bool { rows[a].ago < rows[b].ago || (rows[a].ago == rows[b].ago && a > b) }
        var expected = Set<String>()
        for (i, row) in rows.enumerated() {
            guard row.ago > cutoffAgo else { expected.insert(row.round); continue }
            let newerRows = rows.indices.filter { rows[$0].hotkey == row.hotkey && newer($0, i) }
            if newerRows.count < keep || (row.success && newerRows.filter { rows[$0].success }.count < keep) { expected.insert(row.round) }
        }
        let deleted = try await t.store.prune(olderThan: storeNow.addingTimeInterval(-cutoffAgo), keepingRecent: keep)
        var survivors = Set<String>()
        for row in rows where !(try await t.store.results(round: row.round)).isEmpty { survivors.insert(row.round) }
        #expect(survivors == expected)
        #expect(deleted == rows.count - expected.count)
        #expect(deleted > 0 && expected.count < rows.count)
    }

    @Test func aUidChangingHandsDropsTheOldHistory() async throws {
        let t = try TemporaryStore()
        #expect(try await t.store.syncMiners([1: "old", 2: "b"]) == [])
        try await t.store.record(round: RoundRecord(id: "r", results: [storeResult(1, "old"), storeResult(2, "b")]))
        #expect(try await t.store.syncMiners([1: "new", 2: "b"]) == ["old"])
        #expect(try await t.store.miners() == [1: "new", 2: "b"])
        #expect(Set(try await t.store.stats(now: storeNow).keys) == ["b"])
        await #expect(throws: StoreError.self) { try await t.store.syncMiners([3: ""]) }
    }
}

func approximatelyEqual(_ a: Double?, _ b: Double?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case let (x?, y?): abs(x - y) < 1e-9
    default: false
    }
}
