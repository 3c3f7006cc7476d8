import Bittensor
import Testing

/// The reveal-round prediction, ported from bittensor-drand 2.0.0's `epoch_schedule.rs` and
/// `epoch_schedule_vectors.rs` (its own table, which cites subtensor's tempo_control tests).
@Suite struct RevealRoundTests {
    static func state(last: UInt64, pending: UInt64 = 0, index: UInt64 = 0, tempo: UInt16, sinceStep: UInt64 = 0, head: UInt64) -> EpochSchedule {
        EpochSchedule(lastEpochBlock: last, pendingEpochAt: pending, subnetEpochIndex: index, tempo: tempo,
                      blocksSinceLastStep: sinceStep, currentBlock: head)
    }

    @Test func tempoZeroRunsNoEpochAndCannotPredict() {
        let s = Self.state(last: 10, tempo: 0, head: 10)
        #expect(!s.shouldRunEpoch(at: 200))
        #expect(throws: EpochScheduleError.tempoIsZero) { try s.firstRevealBlock(revealPeriodEpochs: 1) }
    }

    @Test func autoFireAtLastPlusTempo() {
        let s = Self.state(last: 100, tempo: 50, head: 120)
        #expect(!s.shouldRunEpoch(at: 149))
        #expect(s.shouldRunEpoch(at: 150))
    }

    /// subtensor tempo_control.rs get_next_epoch_start_block_reflects_set_tempo_cycle_reset.
    @Test func cycleReset() throws {
        #expect(try Self.state(last: 10, tempo: 50, head: 10).firstRevealBlock(revealPeriodEpochs: 1) == 60)
    }

    /// An owner-triggered pending epoch fires before the automatic one.
    @Test func pendingFiresBeforeAuto() throws {
        #expect(try Self.state(last: 80, pending: 95, tempo: 20, head: 91).firstRevealBlock(revealPeriodEpochs: 1) == 95)
    }

    @Test func commitEpochAtExtrinsicBlock() {
        let s = Self.state(last: 100, tempo: 50, head: 120)
        #expect(s.epochWithLookahead(at: s.currentBlock + EpochSchedule.commitInclusionBlockOffset) == 0)
    }

    /// `reveal_uses_exact_equality_not_gte`: no block before the predicted one reaches the target.
    @Test func revealUsesExactEquality() throws {
        let s = Self.state(last: 80, pending: 95, tempo: 20, head: 91)
        let reveal = try s.firstRevealBlock(revealPeriodEpochs: 1)
        #expect(reveal > s.currentBlock)
        let target = s.epochWithLookahead(at: s.currentBlock + 1) + 1
        var state = s
        for b in (s.currentBlock + 1)..<reveal {
            #expect(state.epochWithLookahead(at: b) != target, "block \(b)")
            state = state.afterCoinbase(at: b)
        }
        #expect(state.epochWithLookahead(at: reveal) == target)
    }

    @Test func stalledSubnetFiresAtOnce() throws {
        // More than MAX_TEMPO blocks without a step: the next block runs an epoch.
        let s = Self.state(last: 0, tempo: 360, sinceStep: EpochSchedule.maxTempo + 1, head: 1000)
        #expect(s.shouldRunEpoch(at: 1001))
    }

    @Test func longerRevealPeriodAddsEpochs() throws {
        let s = Self.state(last: 10, tempo: 50, head: 10)
        #expect(try s.firstRevealBlock(revealPeriodEpochs: 3) == 160)
    }

    /// generate_commit_v2: target = reveal block + 3, seconds = blocks × block time from now,
    /// round = floor((target − genesis) / period), at least 1.
    @Test func roundFromRevealBlockAndClock() throws {
        let s = Self.state(last: 10, tempo: 50, head: 10)
        let beacon = TimelockBeacon.quicknet
        let now = 1_800_000_000.5
        let r = try RevealRound(schedule: s, revealPeriodEpochs: 1, blockTime: 12, beacon: beacon, now: now)
        #expect(r.revealBlock == 60)
        let seconds = now + Double(60 + 3 - 10) * 12
        let expected = UInt64(((seconds - 1_692_803_367) / 3).rounded(.down))
        #expect(r.round == expected)
        // Before genesis the round clamps to 1.
        #expect(try RevealRound(schedule: s, revealPeriodEpochs: 1, blockTime: 12, beacon: beacon, now: 0).round == 1)
    }

    @Test func beaconClock() {
        let b = TimelockBeacon(publicKey: [], genesis: 1000, period: 3)
        #expect(b.latestRound(at: 999) == 0)
        #expect(b.latestRound(at: 1000) == 1)
        #expect(b.latestRound(at: 1002.9) == 1)
        #expect(b.latestRound(at: 1003) == 2)
        #expect(b.publishTime(ofRound: 1000) == 1000 + 999 * 3)
        #expect(TimelockBeacon.quicknet.publicKey.count == 96)
    }

    /// The modulo schedule in the stateful model: predictions land on the modulo epoch blocks.
    @Test func legacyScheduleMatchesModuloEpochs() throws {
        let netuid: UInt16 = 27, tempo: UInt16 = 10
        func isEpoch(_ b: UInt64) -> Bool { (b + UInt64(netuid) + 1) % (UInt64(tempo) + 1) == UInt64(tempo) }
        for head in UInt64(40)...UInt64(80) {
            let s = EpochSchedule.legacy(netuid: netuid, tempo: tempo, block: head)
            #expect(isEpoch(s.lastEpochBlock) && s.lastEpochBlock <= head && head - s.lastEpochBlock <= UInt64(tempo))
            let reveal = try s.firstRevealBlock(revealPeriodEpochs: 1)
            // The first epoch block after the commit block (head + 1) — or the commit block's own epoch + 1 more.
            let commitEpoch = EpochSchedule.legacyEpoch(netuid: netuid, tempo: tempo, block: head + 1)
            #expect(EpochSchedule.legacyEpoch(netuid: netuid, tempo: tempo, block: reveal) == commitEpoch + 1, "head \(head)")
            #expect(EpochSchedule.legacyEpoch(netuid: netuid, tempo: tempo, block: reveal - 1) == commitEpoch, "head \(head)")
        }
    }
}
