/// A subnet's epoch schedule at one block: what the SDK reads from storage
/// (`get_epoch_schedule_state`) before it computes a commit's reveal round, and a port of
/// bittensor-drand 2.0.0's `epoch_schedule.rs` (itself a port of subtensor's stateful tempo
/// model: `should_run_epoch`, `current_epoch_with_lookahead`, `run_coinbase`).
public struct EpochSchedule: Sendable, Hashable, Codable {
    /// `LastEpochBlock`: the block the last epoch ran at.
    public var lastEpochBlock: UInt64
    /// `PendingEpochAt`: an owner-triggered epoch's block (0: none).
    public var pendingEpochAt: UInt64
    /// `SubnetEpochIndex`: epochs run so far.
    public var subnetEpochIndex: UInt64
    /// `Tempo`.
    public var tempo: UInt16
    /// `BlocksSinceLastStep`.
    public var blocksSinceLastStep: UInt64
    /// The block these values were read at (the chain head).
    public var currentBlock: UInt64

    /// subtensor's `MAX_TEMPO`: past this many blocks without a step an epoch always runs.
    public static let maxTempo: UInt64 = 50_400
    /// The reveal is aimed this many blocks after the predicted reveal block.
    public static let securityBlockOffset: UInt64 = 3
    /// A commit is included in the block after the head it was computed at.
    public static let commitInclusionBlockOffset: UInt64 = 1

    public init(lastEpochBlock: UInt64, pendingEpochAt: UInt64, subnetEpochIndex: UInt64, tempo: UInt16,
                blocksSinceLastStep: UInt64, currentBlock: UInt64) {
        self.lastEpochBlock = lastEpochBlock; self.pendingEpochAt = pendingEpochAt; self.subnetEpochIndex = subnetEpochIndex
        self.tempo = tempo; self.blocksSinceLastStep = blocksSinceLastStep; self.currentBlock = currentBlock
    }

    /// Whether an epoch runs at `block` (`run_coinbase.rs` `should_run_epoch`).
    public func shouldRunEpoch(at block: UInt64) -> Bool {
        guard tempo > 0 else { return false }
        if pendingEpochAt > 0 && block >= pendingEpochAt { return true }
        if blocksSinceLastStep > Self.maxTempo { return true }
        return block.subtractingClamped(lastEpochBlock) >= UInt64(tempo)
    }

    /// The epoch a reveal at `block` sees (before `run_coinbase`): `current_epoch_with_lookahead`.
    public func epochWithLookahead(at block: UInt64) -> UInt64 {
        shouldRunEpoch(at: block) ? subnetEpochIndex.addingClamped(1) : subnetEpochIndex
    }

    /// The state after `run_coinbase` at `block`.
    public func afterCoinbase(at block: UInt64) -> EpochSchedule {
        var next = self
        next.blocksSinceLastStep = next.blocksSinceLastStep.addingClamped(1)
        next.currentBlock = block
        if next.shouldRunEpoch(at: block) {
            next.lastEpochBlock = block
            next.pendingEpochAt = 0
            next.subnetEpochIndex = next.subnetEpochIndex.addingClamped(1)
            next.blocksSinceLastStep = 0
        }
        return next
    }

    /// The first block at which the chain reveals a commit computed against this state
    /// (`predict_first_reveal_block`): the commit lands at `currentBlock + 1`, belongs to the
    /// epoch seen there, and is revealed when the epoch seen reaches it plus `revealPeriodEpochs`.
    public func firstRevealBlock(revealPeriodEpochs: UInt64) throws(EpochScheduleError) -> UInt64 {
        guard tempo > 0 else { throw .tempoIsZero }
        let extrinsicBlock = currentBlock + Self.commitInclusionBlockOffset
        var state = self
        if extrinsicBlock > currentBlock + 1 {
            for b in (currentBlock + 1)...(extrinsicBlock - 1) { state = state.afterCoinbase(at: b) }
        }
        let target = state.epochWithLookahead(at: extrinsicBlock) + revealPeriodEpochs
        let budget = revealPeriodEpochs.multipliedClamped(Self.maxTempo).addingClamped(Self.maxTempo)
        var block = extrinsicBlock
        while block <= extrinsicBlock.addingClamped(budget) {
            if state.epochWithLookahead(at: block) == target { return block }
            state = state.afterCoinbase(at: block)
            block += 1
        }
        throw .boundExceeded
    }
}

/// Why no reveal block could be predicted.
public enum EpochScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Tempo 0: the subnet runs no epochs, so a commit would never be revealed.
    case tempoIsZero
    /// No epoch reached the target within the simulation budget (reveal period × MAX_TEMPO).
    case boundExceeded

    public var description: String {
        switch self {
        case .tempoIsZero: "tempo is zero; the subnet runs no epochs, so commit-reveal weights would never be revealed"
        case .boundExceeded: "reveal block simulation exceeded its budget; check the subnet's reveal period and tempo"
        }
    }
}

extension UInt64 {
    func addingClamped(_ other: UInt64) -> UInt64 { let (v, o) = addingReportingOverflow(other); return o ? .max : v }
    func multipliedClamped(_ other: UInt64) -> UInt64 { let (v, o) = multipliedReportingOverflow(by: other); return o ? .max : v }
    func subtractingClamped(_ other: UInt64) -> UInt64 { self >= other ? self - other : 0 }
}

extension EpochSchedule {
    /// The schedule of a chain that runs epochs on subtensor's old fixed modulo rule (an epoch at
    /// every block with `(block + netuid + 1) % (tempo + 1) == tempo`; the devnet, and runtimes
    /// without `LastEpochBlock`), expressed in the stateful model: epochs `tempo + 1` blocks apart,
    /// the last one at or before `block`, the index counting epochs run up to `block`.
    public static func legacy(netuid: UInt16, tempo: UInt16, block: UInt64, blocksSinceLastStep: UInt64? = nil) -> EpochSchedule {
        guard tempo > 0 else {
            return EpochSchedule(lastEpochBlock: 0, pendingEpochAt: 0, subnetEpochIndex: 0, tempo: 0,
                                 blocksSinceLastStep: blocksSinceLastStep ?? 0, currentBlock: block)
        }
        let period = UInt64(tempo) + 1
        let shifted = block + UInt64(netuid) + 2   // ≡ 0 (mod period) exactly one block after an epoch
        let last = (shifted - shifted % period).subtractingClamped(UInt64(netuid) + 2)
        return EpochSchedule(lastEpochBlock: last, pendingEpochAt: 0, subnetEpochIndex: legacyEpoch(netuid: netuid, tempo: tempo, block: block),
                             tempo: UInt16(clamping: period), blocksSinceLastStep: blocksSinceLastStep ?? block.subtractingClamped(last),
                             currentBlock: block)
    }

    /// On the modulo schedule: the epochs run up to and including `block` (what a commit made
    /// after `block`'s epochs is keyed by, and what a reveal at the next block compares against).
    public static func legacyEpoch(netuid: UInt16, tempo: UInt16, block: UInt64) -> UInt64 {
        guard tempo > 0 else { return 0 }
        return (block + UInt64(netuid) + 2) / (UInt64(tempo) + 1)
    }
}
