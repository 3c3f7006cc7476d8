import Bittensor
import Testing

@Suite struct WeightQuantizerTests {
    @Test func maxScalesAndRoundsHalfToEven() throws {
        // extrinsics.json weights_u16: [1, 0.5, 0.5] → [65535, 32768, 32768] (32767.5 → 32768, even).
        let q = try WeightQuantizer.quantize(uids: [0, 1, 5], weights: [1, 0.5, 0.5])
        #expect(q.uids == [0, 1, 5])
        #expect(q.weights == [65535, 32768, 32768])
        // 0.25 · 65535 = 16383.75 → 16384; 2.5/ (…) exercised by the interop comparison.
        let r = try WeightQuantizer.quantize(uids: [3, 4], weights: [4, 1])
        #expect(r.weights == [65535, 16384])
    }

    @Test func dropsZerosWithTheirUids() throws {
        let q = try WeightQuantizer.quantize(uids: [1, 2, 3], weights: [0, 2, 0.000001])
        #expect(q.uids == [2])
        #expect(q.weights == [65535])
    }

    @Test func allZeroSendsNothing() throws {
        let q = try WeightQuantizer.quantize(uids: [1, 2], weights: [0, 0])
        #expect(q.uids.isEmpty && q.weights.isEmpty)
    }

    @Test func rejectsBadInput() {
        #expect(throws: ChainError.self) { try WeightQuantizer.quantize(uids: [1], weights: [-1]) }
        #expect(throws: ChainError.self) { try WeightQuantizer.quantize(uids: [1, 2], weights: [1]) }
        #expect(throws: ChainError.self) { try WeightQuantizer.quantize(uids: [1], weights: [.nan]) }
        #expect(throws: ChainError.self) { try WeightQuantizer.quantize(uids: [1], weights: [.infinity]) }
    }
}
