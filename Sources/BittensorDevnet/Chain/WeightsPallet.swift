import Bittensor
import GRDB

/// `set_weights` with subtensor's checks, in the order of `do_set_weights`, and the runtime's
/// error names: `CommitRevealEnabled`, `WeightVecNotEqualSize`, `SubNetworkDoesNotExist`,
/// `UidsLengthExceedUidsInSubNet`, `HotKeyNotRegisteredInSubNet`, `IncorrectWeightVersionKey`,
/// `SettingWeightsTooFast`, `NeuronNoValidatorPermit`, `DuplicateUids`,
/// `UidVecContainInvalidOne`, `WeightVecLengthIsLow`, `MaxWeightExceeded`.
///
/// Simplification: no minimum stake to set weights (`NotEnoughStakeToSetWeights` never fires).
enum WeightsPallet {
    /// Stores the weights row of `hotkey`'s uid (`values` are the u16 weights the extrinsic
    /// carries) and stamps its last update with the current block. `revealed`: weights from a
    /// timelocked commit being revealed (commit-reveal on is then expected, not refused).
    static func setWeights(_ db: Database, netuid: UInt16, hotkey: String, uids: [UInt16], values: [UInt16],
                           versionKey: UInt64, revealed: Bool = false) throws {
        guard let subnet = try SubnetParameters.fetchOne(db, key: netuid) else {
            throw ChainError.subnetNotFound(netuid: netuid)
        }
        if subnet.commitRevealEnabled && !revealed { throw ChainError.commitRevealEnabled(netuid: netuid) }
        guard uids.count == values.count else {
            throw Pallet.error("WeightVecNotEqualSize", "\(uids.count) uids, \(values.count) weights")
        }
        let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM neuron WHERE netuid = ?", arguments: [netuid]) ?? 0
        guard uids.count <= n else {
            throw Pallet.error("UidsLengthExceedUidsInSubNet", "\(uids.count) uids for a subnet of \(n)")
        }
        guard var neuron = try NeuronRecord.find(db, netuid: netuid, hotkey: hotkey) else {
            throw Pallet.error("HotKeyNotRegisteredInSubNet", "\(hotkey) is not registered on subnet \(netuid)")
        }
        guard subnet.weightsVersionKey == 0 || versionKey >= subnet.weightsVersionKey else {
            throw Pallet.error("IncorrectWeightVersionKey", "version key \(versionKey) < subnet's \(subnet.weightsVersionKey)")
        }
        let block = try db.devnetBlock()
        // check_rate_limit: a last update of 0 (never) passes; registration counts as an update.
        guard neuron.lastUpdate == 0 || block - min(block, neuron.lastUpdate) >= subnet.weightsRateLimit else {
            let wait = subnet.weightsRateLimit - (block - neuron.lastUpdate)
            throw Pallet.error("SettingWeightsTooFast", "uid \(neuron.uid) must wait \(wait) more blocks (rate limit \(subnet.weightsRateLimit))")
        }
        let isSelfWeight = uids.count == 1 && uids[0] == neuron.uid
        guard isSelfWeight || neuron.validatorPermit else {
            throw Pallet.error("NeuronNoValidatorPermit", "uid \(neuron.uid) has no validator permit")
        }
        guard Set(uids).count == uids.count else { throw Pallet.error("DuplicateUids") }
        guard uids.allSatisfy({ Int($0) < n }) else {
            throw Pallet.error("UidVecContainInvalidOne", "uids must be below \(n)")
        }
        let minAllowed = min(Int(subnet.minAllowedWeights), n)
        guard isSelfWeight || values.count >= minAllowed else {
            throw Pallet.error("WeightVecLengthIsLow", "\(values.count) weights, at least \(minAllowed) needed")
        }
        let upscaled = maxUpscale(values)
        guard isSelfWeight || isMaxWeightLimited(upscaled, limit: subnet.maxWeightLimit) else {
            throw Pallet.error("MaxWeightExceeded", "a weight exceeds the subnet's limit \(subnet.maxWeightLimit)")
        }

        try db.execute(sql: "DELETE FROM weight WHERE netuid = ? AND uid = ?", arguments: [netuid, neuron.uid])
        for (dest, value) in zip(uids, upscaled) where value > 0 {
            try db.execute(sql: "INSERT INTO weight (netuid, uid, dest, value) VALUES (?, ?, ?, ?)",
                           arguments: [netuid, neuron.uid, dest, value])
        }
        neuron.lastUpdate = block
        try neuron.update(db)
        try db.devnetLog(block, "subnet \(netuid): uid \(neuron.uid) set \(uids.count) weights")
    }

    /// `vec_u16_max_upscale_to_u16`: scales so the largest weight is 65535.
    static func maxUpscale(_ values: [UInt16]) -> [UInt16] {
        guard let top = values.max(), top > 0 else { return values }
        return values.map { UInt16((Double($0) * 65535 / Double(top)).rounded()) }
    }

    /// `check_vec_max_limited`: the largest normalised weight is at most `limit` / 65535.
    static func isMaxWeightLimited(_ values: [UInt16], limit: UInt16) -> Bool {
        guard limit != UInt16.max else { return true }
        let normalised = YumaMath.normalize(values.map(Double.init))
        return (normalised.max() ?? 0) <= YumaMath.fromU16(limit)
    }

    /// The stored weights of `netuid` as an n×n u16 matrix.
    static func matrix(_ db: Database, table: String, netuid: UInt16, n: Int) throws -> [[UInt16]] {
        var m = Array(repeating: [UInt16](repeating: 0, count: n), count: n)
        let rows = try Row.fetchAll(db, sql: "SELECT uid, dest, value FROM \(table) WHERE netuid = ?", arguments: [netuid])
        for row in rows {
            let uid: Int = row["uid"], dest: Int = row["dest"]
            if uid < n && dest < n { m[uid][dest] = row["value"] }
        }
        return m
    }
}
