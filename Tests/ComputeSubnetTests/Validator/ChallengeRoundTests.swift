import ComputeSubnetTestSupport
import Bittensor
import ComputeSubnet
import Foundation
import Testing

private let rao: UInt64 = 1_000_000_000

private func neuron(_ uid: UInt16, ip: String = "0.0.0.0", version: UInt32 = 150, stakeTAO: UInt64 = 0,
                    hotkey: String? = nil, coldkey: String = "cold") -> NeuronInfo {
    NeuronInfo(uid: uid, hotkey: hotkey ?? "hk\(uid)", coldkey: coldkey, stake: stakeTAO * rao,
               axon: AxonInfo(version: version, ip: ip, port: ip == "0.0.0.0" ? 0 : 8091))
}

@Suite struct MinerSelectionTests {
    /// Served-axon, stake, blacklist and IP rules, then 4 IP-unique candidates: 2, 6, 7, 8.
    let base = [
        neuron(8, ip: "10.0.0.8", version: 151),
        neuron(0, ip: "10.0.0.1", stakeTAO: 2000),                     // validator stake
        neuron(1),                                                     // axon not served
        neuron(3, ip: "10.0.0.2"),                                     // same IP as uid 2, higher uid
        neuron(2, ip: "10.0.0.2"),
        neuron(4, ip: "10.0.0.4", hotkey: "exploiter"),
        neuron(5, ip: "10.0.0.5", coldkey: "bad-cold"),
        neuron(6, ip: "10.0.0.6", version: 140),                       // outdated
        neuron(7, ip: "10.0.0.7", version: 650),                       // bittensor's own version number
    ]

    func select(_ neurons: [NeuronInfo], minimumVersion: UInt32? = 150) -> MinerSelection.Selection {
        MinerSelection(blacklistedHotkeys: ["exploiter", "cold"], blacklistedColdkeys: ["bad-cold"],
                       minimumVersion: minimumVersion)
            .select(from: Metagraph(block: 1, netuid: 27, neurons: neurons))
    }

    @Test func servedBelowValidatorStakeNotBlacklistedFirstUidPerIP() {
        // "cold" is a blacklisted *hotkey*: it must not exclude neurons whose coldkey is "cold".
        let s = select(base, minimumVersion: nil)
        #expect(s.miners.map(\.uid) == [2, 6, 7, 8])
        #expect(!s.versionFilterApplied)
    }

    @Test func quorumBypassWhileFewMinersAreUpToDate() {
        // Up to date: 2, 8 of 4 → 50 % ≤ 60 % → no filtering.
        let s = select(base)
        #expect(s.upToDatePercent == 50 && !s.versionFilterApplied)
        #expect(s.miners.map(\.uid) == [2, 6, 7, 8])
        // 3 of 5 = 60 % ≤ 60 % → still no filtering.
        #expect(!select(base + [neuron(9, ip: "10.0.0.9")]).versionFilterApplied)
    }

    @Test func versionFloorOnceAQuorumIsUpToDate() {
        // 4 of 6 = 66.7 % > 60 % → keep min ≤ version < 600: uids 2, 8, 9, 10.
        let s = select(base + [neuron(9, ip: "10.0.0.9"), neuron(10, ip: "10.0.0.10", version: 599)])
        #expect(s.versionFilterApplied)
        #expect(abs(s.upToDatePercent - 400.0 / 6) < 1e-9)
        #expect(s.miners.map(\.uid) == [2, 8, 9, 10])
    }

    @Test func versionNumbers() {
        #expect(MinerSelection.versionNumber("1.5.0") == 150)
        #expect(MinerSelection.versionNumber("1.4.9") == 149)
        #expect(MinerSelection.versionNumber("1.10.0") == 200)   // not injective, as the original
        for bad in ["1.5", "1.5.0.1", "a.b.c", "", "1..0", "-1.0.0", "99999999999.0.0"] {
            #expect(MinerSelection.versionNumber(bad) == nil)
        }
    }
}

@Suite struct ChallengeRoundTests {
    let controller = try! DifficultyController()

    @Test func plansOneChallengePerMinerAtItsDifficulty() {
        let miners = [neuron(2, ip: "10.0.0.2"), neuron(8, ip: "10.0.0.8"), neuron(9, ip: "10.0.0.9", hotkey: "rented")]
        // hk2: base ⌈8.5⌉ = 9, 10 successes, no failures → 11; hk8: unknown → 6.
        let history = ["hk2": MinerStats(hotkey: "hk2", attempts: 10, failures: 0, successes: 10, averageElapsed: 2,
                                         averageDifficulty: 8.5, recentFailures: 0, recentAverageDifficulty: 8.5)]
        let round = ChallengeRound(validatorHotkey: "5Val", block: 1200, miners: miners, stats: history,
                                   difficulty: controller, skipping: ["rented"])
        #expect(round.id == "5Val/1200")
        #expect(round.targets.map(\.uid) == [2, 8])
        #expect(round.targets.map(\.difficulty) == [11, 6])
        #expect(round.targets[0].ip == "10.0.0.2" && round.targets[0].port == 8091)
    }

    @Test func unansweredTargetsAreFailures() {
        let miners = [neuron(2, ip: "10.0.0.2"), neuron(8, ip: "10.0.0.8")]
        let round = ChallengeRound(validatorHotkey: "5Val", block: 7, miners: miners, stats: [:], difficulty: controller)
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let record = round.record(outcomes: [2: .init(success: true, elapsed: 1.5)], at: at)
        #expect(record == RoundRecord(id: "5Val/7", results: [
            ChallengeRecord(uid: 2, hotkey: "hk2", success: true, elapsed: 1.5, difficulty: 6, createdAt: at),
            ChallengeRecord(uid: 8, hotkey: "hk8", success: false, elapsed: nil, difficulty: 6, createdAt: at),
        ]))
    }

    @Test func roundsComeEvery50To80Blocks() {
        var rng = SplitMix64(seed: 1)
        let schedule = ChallengeSchedule()
        let gaps = (0..<500).map { _ in schedule.nextRound(after: 1000, using: &rng) - 1000 }
        #expect(gaps.allSatisfy { (50...80).contains($0) })
        #expect(Set(gaps).count > 20)   // drawn, not fixed
    }
}
