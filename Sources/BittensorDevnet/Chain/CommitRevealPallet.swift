import Bittensor
import Foundation
import GRDB

/// Commit-reveal v4 as subtensor does it (`internal_commit_timelocked_weights`,
/// `reveal_crv3_commits_for_subnet`, the `CheckWeights` extension), with the runtime's error
/// names: `InvalidRevealRound`, `MechanismDoesNotExist`, `CommitRevealDisabled`,
/// `IncorrectCommitRevealVersion`, `HotKeyNotRegisteredInSubNet`, `CommittingWeightsTooFast`,
/// `TooManyUnrevealedCommits`. A commit over 5000 bytes cannot be decoded as the call's
/// `BoundedVec<u8, 5000>`, so the node refuses the transaction (RPC error 1002).
///
/// Simplification: one mechanism (mecid 0) per subnet.
enum CommitRevealPallet {
    /// Stores a commit from `hotkey`; keyed by the epoch the commit block (head + 1) sees.
    static func commit(_ db: Database, netuid: UInt16, mecid: UInt8, hotkey: String, ciphertext: [UInt8],
                       revealRound: UInt64, version: UInt16) throws {
        guard ciphertext.count <= CommitReveal.maxCommitBytes else {
            throw ChainError.rpc(code: 1002, message: "could not decode the call: commit of \(ciphertext.count) bytes exceeds BoundedVec<u8, \(CommitReveal.maxCommitBytes)>")
        }
        let stored = try lastStoredRound(db)
        guard revealRound >= stored else {
            throw Pallet.error("InvalidRevealRound", "reveal round \(revealRound) is older than the last stored beacon round \(stored)")
        }
        let subnet = try Registration.subnetOrThrow(db, netuid)
        guard mecid == 0 else { throw Pallet.error("MechanismDoesNotExist", "subnet \(netuid) has only mechanism 0") }
        guard subnet.commitRevealEnabled else { throw Pallet.error("CommitRevealDisabled", "commit-reveal is off on subnet \(netuid); use set_weights") }
        guard version == CommitReveal.version else {
            throw Pallet.error("IncorrectCommitRevealVersion", "commit_reveal_version \(version); the runtime expects \(CommitReveal.version)")
        }
        guard var neuron = try NeuronRecord.find(db, netuid: netuid, hotkey: hotkey) else {
            throw Pallet.error("HotKeyNotRegisteredInSubNet", "\(hotkey) is not registered on subnet \(netuid)")
        }
        let block = try db.devnetBlock()
        guard neuron.lastUpdate == 0 || block - min(block, neuron.lastUpdate) >= subnet.weightsRateLimit else {
            let wait = subnet.weightsRateLimit - (block - neuron.lastUpdate)
            throw Pallet.error("CommittingWeightsTooFast", "uid \(neuron.uid) must wait \(wait) more blocks (rate limit \(subnet.weightsRateLimit))")
        }
        let epoch = EpochSchedule.legacyEpoch(netuid: netuid, tempo: subnet.tempo, block: block + 1)
        let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM timelockCommit WHERE netuid = ? AND mecid = ? AND epoch = ? AND hotkey = ?",
                                       arguments: [netuid, mecid, epoch, hotkey]) ?? 0
        guard pending < CommitReveal.maxUnrevealedCommits else {
            throw Pallet.error("TooManyUnrevealedCommits", "\(hotkey) already has \(pending) unrevealed commits in epoch \(epoch)")
        }
        try db.execute(sql: """
            INSERT INTO timelockCommit (netuid, mecid, epoch, hotkey, commitBlock, revealRound, ciphertext)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [netuid, mecid, epoch, hotkey, block, revealRound, Data(ciphertext)])
        neuron.lastUpdate = block
        try neuron.update(db)
        try db.devnetLog(block, "subnet \(netuid): uid \(neuron.uid) committed timelocked weights (\(ciphertext.count) bytes, reveal round \(revealRound), epoch \(epoch))")
    }

    /// Reveals the commits due at `block` (before the block's epochs run): those of epoch
    /// `current − reveal period` whose round has a pulse; drops expired ones. A commit that
    /// does not decrypt, decode, match its committer or pass `set_weights`' checks is dropped.
    static func reveal(_ db: Database, subnet: SubnetParameters, block: UInt64, cipher: (any TimelockCipher)?) throws {
        let netuid = subnet.netuid
        let current = EpochSchedule.legacyEpoch(netuid: netuid, tempo: subnet.tempo, block: block)
        guard subnet.tempo > 0, current >= subnet.revealPeriodEpochs else { return }
        let due = current - subnet.revealPeriodEpochs
        let expired = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM timelockCommit WHERE netuid = ? AND epoch < ?", arguments: [netuid, due]) ?? 0
        if expired > 0 {
            try db.execute(sql: "DELETE FROM timelockCommit WHERE netuid = ? AND epoch < ?", arguments: [netuid, due])
            try db.devnetLog(block, "subnet \(netuid): \(expired) timelocked commit(s) expired unrevealed")
        }
        guard let cipher else { return }
        let rows = try Row.fetchAll(db, sql: "SELECT id, hotkey, revealRound, ciphertext FROM timelockCommit WHERE netuid = ? AND epoch = ? ORDER BY id",
                                    arguments: [netuid, due])
        for row in rows {
            let id: Int64 = row["id"], hotkey: String = row["hotkey"], round: UInt64 = row["revealRound"]
            let ciphertext = [UInt8](row["ciphertext"] as Data)
            guard let signature = try Data.fetchOne(db, sql: "SELECT signature FROM pulse WHERE round = ?", arguments: [round]) else {
                continue   // the round is not published yet: retried every block of the reveal epoch
            }
            try db.execute(sql: "DELETE FROM timelockCommit WHERE id = ?", arguments: [id])
            do {
                let plaintext = try cipher.decrypt(ciphertext, signature: [UInt8](signature))
                let payload = try WeightsTlockPayload(decoding: plaintext)
                guard payload.hotkey == (try? SS58.decode(hotkey).publicKey) else {
                    throw ChainError.invalidWeights("the payload's hotkey is not the committer's")
                }
                try WeightsPallet.setWeights(db, netuid: netuid, hotkey: hotkey, uids: payload.uids, values: payload.values,
                                             versionKey: payload.versionKey, revealed: true)
                try db.devnetLog(block, "subnet \(netuid): revealed timelocked weights of \(short(hotkey)) (round \(round))")
            } catch {
                try db.devnetLog(block, "subnet \(netuid): timelocked commit of \(short(hotkey)) not applied: \(error)")
            }
        }
    }

    /// `pallet_drand::LastStoredRound` (0 before any pulse).
    static func lastStoredRound(_ db: Database) throws -> UInt64 {
        try UInt64.fetchOne(db, sql: "SELECT MAX(round) FROM pulse") ?? 0
    }
}
