@testable import BittensorDevnet
import Testing

/// Yuma consensus on small cases computed by hand (see the comments for the arithmetic).
@Suite struct YumaConsensusTests {
    static let full: UInt16 = 65535

    /// Three validators (stake 40/40/20) and two miners. The honest pair splits its weight
    /// evenly; the outlier puts everything on miner 4.
    static func outlierCase(emission: UInt64 = 1_000_000_000) -> YumaConsensus.Input {
        let f = full
        return YumaConsensus.Input(
            currentBlock: 20, tempo: 10,
            stake: [40, 40, 20, 0, 0].map { $0 * 1_000_000_000 },
            lastUpdate: [10, 10, 10, 0, 0], blockAtRegistration: [0, 0, 0, 0, 0],
            validatorPermit: [true, true, true, false, false],
            weights: [[0, 0, 0, f, f], [0, 0, 0, f, f], [0, 0, 0, 0, f], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]],
            emission: emission)
    }

    @Test func outlierWeightsAreClippedAtTheStakeWeightedMedian() {
        let out = YumaConsensus.run(Self.outlierCase())
        // Column medians over (0.5, 0.5, 0) and (0.5, 0.5, 1) with stake (.4, .4, .2): both 0.5.
        #expect(abs(out.consensus[3] - 0.5) < 1e-12)
        #expect(abs(out.consensus[4] - 0.5) < 1e-12)
        // The outlier's 1.0 on miner 4 is clipped to 0.5: its validator trust halves.
        #expect(abs(out.validatorTrust[0] - 1) < 1e-12)
        #expect(abs(out.validatorTrust[1] - 1) < 1e-12)
        #expect(abs(out.validatorTrust[2] - 0.5) < 1e-12)
        // Ranks from clipped weights: m3 = .4·.5 + .4·.5 = .4, m4 = .2 + .2 + .2·.5 = .5 → 4/9, 5/9.
        #expect(abs(out.incentive[3] - 4.0 / 9) < 1e-12)
        #expect(abs(out.incentive[4] - 5.0 / 9) < 1e-12)
        // Trust = clipped rank / prerank: m3 .4/.4, m4 .5/.6.
        #expect(abs(out.trust[3] - 1) < 1e-12)
        #expect(abs(out.trust[4] - 5.0 / 6) < 1e-12)
        // Bonds (first epoch) = column-normalised W∘S: m3 (.5, .5, 0), m4 (.4, .4, .2);
        // dividends: honest .5·4/9 + .4·5/9 = 4/9 each, outlier .2·5/9 = 1/9.
        #expect(abs(out.dividends[0] - 4.0 / 9) < 1e-12)
        #expect(abs(out.dividends[1] - 4.0 / 9) < 1e-12)
        #expect(abs(out.dividends[2] - 1.0 / 9) < 1e-12)
        #expect(out.dividends[3] == 0 && out.incentive[0] == 0)
        // Permits go to the non-zero stakes only.
        #expect(out.validatorPermit == [true, true, true, false, false])
    }

    @Test func incentiveAndDividendsSplitTheEmissionInHalves() {
        let emission: UInt64 = 1_000_000_000
        let out = YumaConsensus.run(Self.outlierCase(emission: emission))
        let miners = out.serverEmission.reduce(0, +)
        let validators = out.validatorEmission.reduce(0, +)
        #expect(miners + validators <= emission)
        #expect(emission - (miners + validators) < 5)   // only per-uid rounding down is lost
        #expect(abs(Int64(miners) - Int64(emission / 2)) < 3)
        #expect(abs(Int64(validators) - Int64(emission / 2)) < 3)
        #expect(out.serverEmission[4] == 277_777_777)     // 5/9 · ½ · 10⁹
        #expect(out.validatorEmission[2] == 55_555_555)   // 1/9 · ½ · 10⁹
        // Stored emission is the combined share, and the pruning score follows it.
        for uid in 0..<5 {
            let joint = out.serverEmission[uid] + out.validatorEmission[uid]
            #expect(abs(Int64(out.emission[uid]) - Int64(joint)) <= 1)
        }
        #expect(out.pruningScore[2] < out.pruningScore[3])
    }

    @Test func withoutWeightsValidatorsReceiveEverythingByStake() {
        var input = Self.outlierCase()
        input.weights = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        let out = YumaConsensus.run(input)
        #expect(out.serverEmission.allSatisfy { $0 == 0 })
        #expect(out.validatorEmission[0] == 400_000_000)
        #expect(out.validatorEmission[2] == 200_000_000)
    }

    @Test func selfWeightsAndWeightsFromNonPermittedNeuronsAreIgnored() {
        var input = Self.outlierCase()
        input.weights[0] = [Self.full, 0, 0, 0, 0]     // v0 only weights itself
        input.weights[3] = [0, 0, 0, 0, Self.full]     // a miner (no permit) votes
        let out = YumaConsensus.run(input)
        #expect(out.incentive[0] == 0)
        #expect(out.validatorTrust[0] == 0)
        // Left: v1 (.4) gives .5/.5, v2 (.2) gives 0/1. Medians (stake .4/.6 of active .6):
        // m3 → 0 (v1 alone is below the majority), m4 → 1 … clipped ranks: m3 0, m4 .4·.5 + .2.
        #expect(out.incentive[3] == 0)
        #expect(abs(out.incentive[4] - 1) < 1e-12)
    }

    /// Bonds follow an EMA with alpha 0.1: a validator that starts agreeing late earns a
    /// growing share of dividends, epoch by epoch.
    @Test func bondsMoveAsAnExponentialMovingAverage() {
        let f = Self.full
        var input = YumaConsensus.Input(
            currentBlock: 100, tempo: 10,
            stake: [50, 50, 0].map { $0 * 1_000_000_000 },
            lastUpdate: [90, 90, 0], blockAtRegistration: [0, 0, 0],
            validatorPermit: [true, true, false],
            weights: [[0, 0, f], [0, 0, 0], [0, 0, 0]],
            emission: 1_000_000)
        // Epoch 1: only v0 weights the miner → bonds column (1, 0), all dividends to v0.
        var out = YumaConsensus.run(input)
        #expect(out.dividends[0] == 1 && out.dividends[1] == 0)
        #expect(out.bonds[0]?[2] == f && out.bonds[1]?[2] == 0)

        // Epoch 2: v1 agrees. ΔB = (.5, .5); EMA = .1·ΔB + .9·(1, 0) = (.95, .05).
        input.weights[1] = [0, 0, f]
        input.bonds = out.bonds.map { $0 ?? [0, 0, 0] }
        out = YumaConsensus.run(input)
        #expect(abs(out.dividends[0] - 0.95) < 1e-9)
        #expect(abs(out.dividends[1] - 0.05) < 1e-9)
        // Stored max-upscaled: (1, .05/.95) → u16 3449.
        #expect(out.bonds[1]?[2] == 3449)

        // Epoch 3: from the stored u16 bonds (≈ .95, .05): EMA ≈ (.905, .095).
        input.bonds = out.bonds.map { $0 ?? [0, 0, 0] }
        out = YumaConsensus.run(input)
        #expect(abs(out.dividends[0] - 0.905) < 1e-4)
        #expect(abs(out.dividends[1] - 0.095) < 1e-4)
    }

    @Test func bondsOnRecentlyRegisteredNeuronsAreDropped() {
        let f = Self.full
        let input = YumaConsensus.Input(
            currentBlock: 100, tempo: 10,
            stake: [50, 50, 0].map { $0 * 1_000_000_000 },
            lastUpdate: [99, 99, 95], blockAtRegistration: [0, 0, 95],
            validatorPermit: [true, true, false],
            weights: [[0, 0, f], [0, 0, f], [0, 0, 0]],
            bonds: [[0, 0, f], [0, 0, 0], [0, 0, 0]],
            emission: 1_000_000)
        // Miner 2 registered at 95 ≥ 100 − 10: v0's old bond on it is forgotten, so the
        // dividends follow this epoch's equal votes.
        let out = YumaConsensus.run(input)
        #expect(abs(out.dividends[0] - 0.5) < 1e-9)
    }

    @Test func inactiveValidatorsLoseTheirVote() {
        var input = Self.outlierCase()
        input.currentBlock = 6000
        input.lastUpdate = [5990, 5990, 500, 0, 0]   // v2 last set weights > 5000 blocks ago
        let out = YumaConsensus.run(input)
        #expect(out.active == [true, true, false, false, false])
        #expect(abs(out.incentive[3] - 0.5) < 1e-12)  // only the honest pair votes
        #expect(out.dividends[2] == 0)
    }

    @Test func weightedMedianAndTopKFollowTheChain() {
        // Stake .25 each on scores .1, .2, .3, .4 with minority .5: the pivot search ends on .3.
        let m = YumaMath.weightedMedian(stake: [0.25, 0.25, 0.25, 0.25], score: [0.1, 0.2, 0.3, 0.4], minority: 0.5, hi: 1)
        #expect(m == 0.3)
        #expect(YumaMath.isTopKNonzero([3, 0, 3, 5], k: 2) == [false, false, true, true])
    }
}
