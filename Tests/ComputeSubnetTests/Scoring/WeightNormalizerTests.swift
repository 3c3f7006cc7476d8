import Bittensor
import ComputeSubnet
import Testing

@Suite struct WeightNormalizerTests {
    let normalizer = WeightNormalizer()

    @Test func l1NormalisesOverAllUids() {
        // 1 + 3 = 4 → 0.25, 0.75; negative and NaN → 0; uid 2 absent → 0; uid 9 out of range ignored
        let w = normalizer.weights(scores: [0: 1, 1: 3, 3: -2, 4: .nan, 9: 5], uidCount: 5)
        #expect(w == [0.25, 0.75, 0, 0, 0])
    }

    @Test func excludedUidsGetZero() {
        let w = normalizer.weights(scores: [0: 1, 1: 3], uidCount: 3, excluded: [1])
        #expect(w == [1, 0, 0])
    }

    @Test func nothingScoredGivesAllZero() {
        #expect(normalizer.weights(scores: [0: 0, 1: -1], uidCount: 3) == [0, 0, 0])
        #expect(normalizer.weights(scores: [:], uidCount: 0) == [])
    }

    @Test func fromAMetagraphByHotkey() {
        let rao: UInt64 = 1_000_000_000
        let metagraph = Metagraph(block: 1, netuid: 27, neurons: [
            NeuronInfo(uid: 0, hotkey: "v", coldkey: "c", stake: 2000 * rao),   // validator
            NeuronInfo(uid: 1, hotkey: "a", coldkey: "c", stake: 10 * rao),
            NeuronInfo(uid: 2, hotkey: "b", coldkey: "c"),
            NeuronInfo(uid: 3, hotkey: "c", coldkey: "c"),                       // no score
        ])
        // v's score is ignored (validator); a:b = 2:6 → 0.25, 0.75
        let w = normalizer.weights(scoresByHotkey: ["v": 100, "a": 2, "b": 6, "gone": 50], metagraph: metagraph)
        #expect(w == [0, 0.25, 0.75, 0])
    }
}
