import Bittensor
import ComputeSubnetTestSupport
import Foundation
import Testing

/// Commit-reveal v4 against the real Python packages (bittensor-drand 2.0.0's
/// `get_encrypted_commit_v2`, scalecodec) through `commit_reveal_v4.py`.
@Suite(.serialized) struct CommitRevealInteropTests {
    static var script: String {
        TestRepository.root.appendingPathComponent("Tests/InteropTests/commit_reveal_v4.py").path
    }

    static func run(_ request: [String: Any]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestRepository.interopPython)
        process.arguments = [script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: request))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let object = try JSONSerialization.jsonObject(with: out) as? [String: Any] else {
            Issue.record("python failed (\(process.terminationStatus)): \(String(decoding: err, as: UTF8.self).suffix(2000))")
            throw CancellationError()
        }
        return object
    }

    struct Case {
        var schedule: EpochSchedule
        var period: UInt64
        var blockTime: Double
        var uids: [UInt16]
    }

    /// Schedules around epoch boundaries, pending epochs, stalled subnets and several periods.
    static func cases() -> [Case] {
        var rng = SystemRandomNumberGenerator()
        var out: [Case] = []
        for tempo: UInt16 in [1, 2, 10, 50, 99, 360] {
            for offset: UInt64 in [0, 1, UInt64(tempo) - 1, UInt64(tempo), UInt64(tempo) + 3] {
                let last: UInt64 = 7_000_000 + UInt64.random(in: 0..<1000, using: &rng)
                let head = last + offset
                for period: UInt64 in [1, 2, 3] {
                    let pending: UInt64 = Bool.random(using: &rng) ? 0 : head + UInt64.random(in: 0...UInt64(tempo) + 2, using: &rng)
                    let since: UInt64 = Int.random(in: 0..<8, using: &rng) == 0 ? EpochSchedule.maxTempo + 1 : offset
                    out.append(Case(schedule: EpochSchedule(lastEpochBlock: last, pendingEpochAt: pending,
                                                            subnetEpochIndex: UInt64.random(in: 0..<100_000, using: &rng),
                                                            tempo: tempo, blocksSinceLastStep: since, currentBlock: head),
                                    period: period, blockTime: [12, 0.25, 1, 3.7].randomElement(using: &rng)!,
                                    uids: (0..<UInt16.random(in: 1...40, using: &rng)).map { $0 }))
                }
            }
        }
        // Tempo 0 is refused on both sides.
        out.append(Case(schedule: EpochSchedule(lastEpochBlock: 10, pendingEpochAt: 0, subnetEpochIndex: 0, tempo: 0,
                                                blocksSinceLastStep: 0, currentBlock: 10), period: 1, blockTime: 12, uids: [0]))
        return out
    }

    @Test func revealRoundMatchesGetEncryptedCommitV2() throws {
        let cases = Self.cases()
        let hotkey = [UInt8](repeating: 0x5a, count: 32)
        let request: [String: Any] = ["rounds": cases.map { c -> [String: Any] in
            [
                "last_epoch_block": c.schedule.lastEpochBlock, "pending_epoch_at": c.schedule.pendingEpochAt,
                "subnet_epoch_index": c.schedule.subnetEpochIndex, "tempo": Int(c.schedule.tempo),
                "blocks_since_last_step": c.schedule.blocksSinceLastStep, "current_block": c.schedule.currentBlock,
                "subnet_reveal_period_epochs": c.period, "block_time": c.blockTime,
                "uids": c.uids.map(Int.init), "weights": c.uids.map { Int($0) + 1 }, "version_key": 7,
                "hotkey_hex": Hex.encode(hotkey),
            ]
        }]
        let results = try #require(try Self.run(request)["rounds"] as? [[String: Any]])
        try #require(results.count == cases.count)
        var compared = 0
        for (c, r) in zip(cases, results) {
            if let error = r["error"] as? String {
                #expect(c.schedule.tempo == 0, "python refused \(c.schedule): \(error)")
                #expect(throws: EpochScheduleError.tempoIsZero) { try c.schedule.firstRevealBlock(revealPeriodEpochs: c.period) }
                continue
            }
            let round = try #require((r["round"] as? NSNumber)?.uint64Value)
            let before = try #require(r["before"] as? Double), after = try #require(r["after"] as? Double)
            // Python read the wall clock between `before` and `after`; the round is monotonic in time.
            let low = try RevealRound(schedule: c.schedule, revealPeriodEpochs: c.period, blockTime: c.blockTime,
                                      beacon: .quicknet, now: before).round
            let high = try RevealRound(schedule: c.schedule, revealPeriodEpochs: c.period, blockTime: c.blockTime,
                                       beacon: .quicknet, now: after).round
            #expect(low <= round && round <= high, "\(c.schedule) period \(c.period) bt \(c.blockTime): python \(round), swift \(low)…\(high)")
            // The raw ciphertext is the SCALE payload plus 244 bytes (timelock.md).
            let payload = WeightsTlockPayload(hotkey: hotkey, uids: c.uids, values: c.uids.map { $0 + 1 }, versionKey: 7)
            #expect(r["commit_len"] as? Int == payload.encoded.count + 244)
            compared += 1
        }
        #expect(compared >= 80)
    }

    @Test func payloadBytesMatchScalecodec() throws {
        let payloads = [
            WeightsTlockPayload(hotkey: [UInt8](repeating: 0xab, count: 32), uids: [0, 1, 300], values: [65535, 0, 2], versionKey: 215),
            WeightsTlockPayload(hotkey: Array(0..<32), uids: Array(0..<256), values: (0..<256).map { UInt16($0 * 255) }, versionKey: .max),
            WeightsTlockPayload(hotkey: [], uids: [], values: [], versionKey: 0),
        ]
        let request: [String: Any] = ["payloads": payloads.map {
            ["hotkey_hex": Hex.encode($0.hotkey), "uids": $0.uids.map(Int.init), "values": $0.values.map(Int.init),
             "version_key": NSNumber(value: $0.versionKey)] as [String: Any]
        }]
        let hex = try #require(try Self.run(request)["payloads"] as? [String])
        #expect(hex == payloads.map { Hex.encode($0.encoded) })
    }
}
