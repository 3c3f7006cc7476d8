import AsyncHTTPClient
import Bittensor
import BittensorDevnet
import ComputeSubnet
import ComputeSubnetTestSupport
import Foundation
import Logging
import Testing

/// The whole subnet as separate processes on one devnet (issues 6 and 8): `compute-subnet devnet
/// start`, `compute-subnet validator`, `compute-subnet miner` processes and the Python SDK's miner
/// axon (`peer_axon.py`), plus a wrong and a too-slow miner served from this test process.
@Suite(.serialized) struct SubnetEndToEndTests {
    static let netuid: UInt16 = 27
    /// The interop README's miner mnemonic (→ 5EPCUjPxiHAcNooYipQFWr9NmmXJKpNG5RhcntXwbtUySrgH).
    static let pythonMnemonic = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
    /// Seconds a miner has to answer a challenge; the slow miner sleeps past it.
    static let challengeTimeout = 3.0

    @Test func honestMinersEarnWeightsAndIncentiveTheWrongAndSlowOnesNothing() async throws {
        let h = try ProcessHarness(prefix: "subnet-e2e")
        var axons: [Axon] = []
        defer {
            h.cleanUp()
            let stopping = axons
            Task { for axon in stopping { await axon.stop() } }
        }
        let net = try await LocalSubnet.make(h)
        let chain = net.chain

        // In-process miners: one answers a wrong password, one sleeps past the timeout.
        let wrong = try await net.serveInProcessMiner(.wrong, seed: 41, ip: "127.0.0.4")
        axons.append(wrong.axon)
        let slow = try await net.serveInProcessMiner(.slow(seconds: Self.challengeTimeout + 2), seed: 42, ip: "127.0.0.5")
        axons.append(slow.axon)
        // The Python SDK's miner axon, registered and served with its mnemonic's hotkey.
        let python = try await net.startPythonMiner(ip: "127.0.0.6")
        // Two `compute-subnet miner` processes.
        let m1 = try await net.startMiner("miner1", ip: "127.0.0.2")
        let m2 = try await net.startMiner("miner2", ip: "127.0.0.3")
        let validator = try await net.startValidator(dbPath: h.scratch + "/validator.sqlite")

        let uid = try await net.uids()
        let honest = [m1.hotkey, m2.hotkey, python.hotkey]
        let validatorUid = try #require(uid[net.validatorHotkey])

        // The validator's weights on chain: every honest miner has weight, the wrong and slow none.
        let row = try await h.eventually("the validator's weights for all honest miners on the devnet", timeout: 60) {
            () async throws -> [String: Double]? in
            let status = try await chain.status()
            guard let row = status.subnets.first?.weights[String(validatorUid)] else { return nil }
            return honest.allSatisfy { (row[String(uid[$0]!)] ?? 0) > 0 } ? row : nil
        }
        #expect(row[String(uid[wrong.hotkey]!)] == nil, "wrong miner got weight: \(row)")
        #expect(row[String(uid[slow.hotkey]!)] == nil, "slow miner got weight: \(row)")

        // Yuma consensus at the next epochs: incentive for the honest miners only.
        let graph = try await h.eventually("incentive for every honest miner", timeout: 30) { () async throws -> Metagraph? in
            let graph = try await chain.metagraph(netuid: Self.netuid)
            return honest.allSatisfy { hk in (graph.neurons.first { $0.hotkey == hk }?.incentive ?? 0) > 0 } ? graph : nil
        }
        #expect(graph.neurons.first { $0.hotkey == wrong.hotkey }?.incentive == 0)
        #expect(graph.neurons.first { $0.hotkey == slow.hotkey }?.incentive == 0)
        #expect((graph.neurons.first { $0.hotkey == net.validatorHotkey }?.dividends ?? 0) > 0)

        // The same view through the CLI a user would run.
        let cliGraph = try JSONSerialization.jsonObject(with: Data(h.cli(
            ["subnet", "metagraph", "--netuid", "27", "--subtensor.network", "devnet", "--devnet.path", net.devnetPath, "--json"]).utf8))
        let neurons = try #require((cliGraph as? [String: Any])?["neurons"] as? [[String: Any]])
        for hotkey in honest {
            #expect(((neurons.first { $0["hotkey"] as? String == hotkey })?["incentive"] as? Double ?? 0) > 0)
        }

        // The validator's own view (/status) and its database agree.
        let status = try await validator.status()
        func score(_ hotkey: String) -> Double? { status.miners.first { $0.hotkey == hotkey }?.score }
        for hotkey in honest { #expect((score(hotkey) ?? 0) > 0, "\(hotkey): \(status.miners)") }
        #expect(score(wrong.hotkey) ?? 0 == 0)
        #expect(score(slow.hotkey) ?? 0 == 0)
        let rows = try ValidatorDatabase.rows(h, validator.dbPath)
        for hotkey in honest { #expect(rows.filter { $0.hotkey == hotkey && $0.success }.count >= 1) }
        #expect(rows.contains { $0.hotkey == wrong.hotkey } && !rows.contains { $0.hotkey == wrong.hotkey && $0.success })
        #expect(rows.contains { $0.hotkey == slow.hotkey } && !rows.contains { $0.hotkey == slow.hotkey && $0.success })

        // Every process of ours stops cleanly on SIGTERM. The Python peer is only killed: children
        // of the test runner can inherit a blocked SIGTERM, and peer_axon.py then ignores it.
        h.stop(python.child, signal: SIGKILL)
        for child in [validator.child, m1.child, m2.child, net.devnet] {
            let end = h.stop(child)
            #expect(end.exited && end.code == 0, "\(child.name) ended with \(end) on SIGTERM:\n\(child.tail())")
        }
        for axon in axons { await axon.stop() }
    }

    @Test func aValidatorKilledMidRoundLosesNoResultAndDuplicatesNoneWhenRestarted() async throws {
        let h = try ProcessHarness(prefix: "subnet-kill")
        var axons: [Axon] = []
        defer {
            h.cleanUp()
            let stopping = axons
            Task { for axon in stopping { await axon.stop() } }
        }
        let net = try await LocalSubnet.make(h)
        _ = try await net.startMiner("miner1", ip: "127.0.0.2")
        // The slow miner keeps every round in flight for the whole challenge timeout.
        let slow = try await net.serveInProcessMiner(.slow(seconds: Self.challengeTimeout + 2), seed: 42, ip: "127.0.0.5")
        axons.append(slow.axon)
        let dbPath = h.scratch + "/validator.sqlite"
        let first = try await net.startValidator(dbPath: dbPath, name: "validator")

        // A few rounds committed.
        _ = try await h.eventually("three committed rounds", timeout: 45) { () async throws -> Bool? in
            Set(try ValidatorDatabase.rows(h, dbPath).map(\.round)).count >= 3 ? true : nil
        }
        // Kill it (SIGKILL: no graceful path) half a second into a new round: it waits on the slow
        // miner for the whole timeout, so that round's answers are in memory only.
        let seen = slow.inFlight.started
        _ = try await h.eventually("a new challenge round", timeout: 20, every: 0.02) { () async throws -> Bool? in
            slow.inFlight.started > seen ? true : nil
        }
        let roundStart = Date()
        try await Task.sleep(for: .milliseconds(500))
        let roundsBefore = Set(try ValidatorDatabase.rows(h, dbPath).map(\.round))
        let killed = h.stop(first.child, signal: SIGKILL)
        #expect(!killed.exited && killed.code == SIGKILL)
        #expect(Date().timeIntervalSince(roundStart) < Self.challengeTimeout - 1, "the kill came too late to be mid-round")
        let committed = try ValidatorDatabase.rows(h, dbPath)
        #expect(Set(committed.map(\.round)) == roundsBefore, "a round was committed during the kill")
        let perRound = Dictionary(grouping: committed, by: \.round)
        #expect(perRound.values.allSatisfy { $0.count == 2 }, "a partly written round: \(perRound.mapValues(\.count))")

        // Restarted on the same database: more rounds are stored, nothing before is lost or doubled.
        let second = try await net.startValidator(dbPath: dbPath, name: "validator-restarted")
        let after = try await h.eventually("two more rounds after the restart", timeout: 45) { () async throws -> [ValidatorDatabase.Row]? in
            let rows = try ValidatorDatabase.rows(h, dbPath)
            return Set(rows.map(\.round)).subtracting(committed.map(\.round)).count >= 2 ? rows : nil
        }
        let afterByID = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for row in committed { #expect(afterByID[row.id] == row, "committed row \(row.id) changed or vanished") }
        let keys = after.map { "\($0.round)#\($0.uid)" }
        #expect(Set(keys).count == keys.count, "duplicate (round, uid) rows")
        #expect(Dictionary(grouping: after, by: \.round).values.allSatisfy { $0.count == 2 })
        let end = h.stop(second.child)
        #expect(end.exited && end.code == 0, "restarted validator ended with \(end) on SIGTERM:\n\(second.child.tail())")
        for axon in axons { await axon.stop() }
    }
}

/// The validator database's challenge rows, read with Python's sqlite3 (independent of the
/// store's own code).
enum ValidatorDatabase {
    struct Row: Hashable {
        var id: Int
        var round: String
        var uid: Int
        var hotkey: String
        var success: Bool
        var difficulty: Int
        var createdAt: Int
    }

    static func rows(_ h: ProcessHarness, _ path: String) throws -> [Row] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let script = """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1], timeout=10)
            rows = db.execute("SELECT id, round_id, uid, hotkey, success, difficulty, created_at FROM challenge_result ORDER BY id").fetchall()
            print(json.dumps(rows))
            """
        let result = try h.run(["-c", script, path], executable: ProcessHarness.python)
        guard result.status == 0 else { throw ProcessHarness.Failure(description: "sqlite3 query failed: \(result.stderr)") }
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[Any]])
        return try list.map { r in
            guard r.count == 7, let id = r[0] as? Int, let round = r[1] as? String, let uid = r[2] as? Int,
                  let hotkey = r[3] as? String, let success = r[4] as? Int, let difficulty = r[5] as? Int,
                  let createdAt = r[6] as? Int
            else { throw ProcessHarness.Failure(description: "unexpected row \(r)") }
            return Row(id: id, round: round, uid: uid, hotkey: hotkey, success: success == 1, difficulty: difficulty, createdAt: createdAt)
        }
    }
}
