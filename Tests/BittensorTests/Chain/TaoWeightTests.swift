import Bittensor
import Testing

/// `tao_weight` as subtensor reads it (`TaoWeight / u64::MAX`) and the stake weight it gives.
@Suite struct TaoWeightTests {
    @Test func rawIsAProportionOfU64Max() {
        #expect(TaoWeight(raw: .max).proportion == 1)
        #expect(TaoWeight(raw: 0).proportion == 0)
        #expect(abs(TaoWeight.runtimeDefault.proportion - 0.05267697438728329) < 1e-15)
        #expect(abs(TaoWeight.finney.proportion - 0.18) < 1e-15)
        #expect(TaoWeight(proportion: 2) == TaoWeight(raw: .max))
        #expect(TaoWeight(proportion: -1) == TaoWeight(raw: 0))
    }

    @Test func stakeWeightIsAlphaPlusWeightedTAO() {
        let w = TaoWeight(proportion: 0.18)
        // 1000 alpha + 0.18 × 1000 TAO = 1180 alpha-equivalent, to the rao.
        #expect(w.stakeWeight(alpha: 1000 * Rao.perToken, tao: 1000 * Rao.perToken) == 1180 * Rao.perToken)
        #expect(w.stakeWeight(alpha: 7, tao: 0) == 7)
        #expect(TaoWeight(raw: .max).stakeWeight(alpha: 1, tao: 5) == 6)
        #expect(TaoWeight(raw: 0).stakeWeight(alpha: 1, tao: .max) == 1)
        #expect(TaoWeight(raw: .max).stakeWeight(alpha: .max, tao: .max) == .max)  // saturates
    }

    @Test func neuronInfoComputesItsStakeWeight() {
        let n = NeuronInfo(uid: 0, hotkey: "h", coldkey: "c", alphaStake: 100 * Rao.perToken, taoStake: 500 * Rao.perToken,
                           taoWeight: .finney)
        #expect(n.stakeWeight == 190 * Rao.perToken)
        #expect(n.alpha == 100 && n.tao == 500 && n.stakeWeightAlpha == 190)
    }

    @Test func raoConversions() {
        #expect(Rao.from(tokens: 1.5) == 1_500_000_000)
        #expect(Rao.from(tokens: -3) == 0 && Rao.from(tokens: .nan) == 0 && Rao.from(tokens: 1e30) == .max)
        #expect(Rao.tokens(2_557_172_316) == 2.557172316)
    }
}
