import Bittensor
import GRDB

/// What one epoch did, for logs and `devnet start`'s output.
public struct EpochReport: Sendable, Hashable, Codable {
    public var netuid: UInt16
    public var block: UInt64
    public var neurons: Int
    /// Rao paid out (to hotkey stake).
    public var emitted: UInt64
    /// Rao to miners (incentive) and to validators (dividends).
    public var toMiners: UInt64
    public var toValidators: UInt64
    /// uid → incentive, for the uids that earned any.
    public var incentive: [UInt16: Double]
}

/// Runs Yuma consensus on one subnet inside a block's transaction: reads the neurons, stake,
/// weights and bonds; stores the u16-quantised results, the new bonds and permits; pays the
/// emission accumulated since the last epoch into the hotkeys' alpha.
enum Epoch {
    static func run(_ db: Database, subnet: SubnetParameters, block: UInt64) throws -> EpochReport {
        let netuid = subnet.netuid
        var neurons = try NeuronRecord.all(db, netuid: netuid)
        let n = neurons.count
        let lastEpoch = try UInt64.fetchOne(db, sql: "SELECT lastEpoch FROM subnet WHERE netuid = ?", arguments: [netuid]) ?? 0
        let createdAt = try UInt64.fetchOne(db, sql: "SELECT createdAt FROM subnet WHERE netuid = ?", arguments: [netuid]) ?? 0
        let emission = subnet.emissionPerBlock * (block - min(block, max(lastEpoch, createdAt)))
        try db.execute(sql: "UPDATE subnet SET lastEpoch = ? WHERE netuid = ?", arguments: [block, netuid])
        guard n > 0 else {
            return EpochReport(netuid: netuid, block: block, neurons: 0, emitted: 0, toMiners: 0, toValidators: 0, incentive: [:])
        }

        // Validators are weighed by stake weight (alpha + tao_weight × TAO), as the chain does.
        let taoWeight = try Ledger.taoWeight(db)
        let stakes = try neurons.map { try Ledger.stakeWeight(db, hotkey: $0.hotkey, taoWeight: taoWeight) }
        let input = YumaConsensus.Input(
            currentBlock: block, tempo: UInt64(subnet.tempo), activityCutoff: UInt64(subnet.activityCutoff),
            kappa: YumaMath.fromU16(subnet.kappa), bondsMovingAverage: subnet.bondsMovingAverage,
            maxAllowedValidators: Int(subnet.maxAllowedValidators), stake: stakes,
            lastUpdate: neurons.map(\.lastUpdate), blockAtRegistration: neurons.map(\.registeredAt),
            validatorPermit: neurons.map(\.validatorPermit),
            weights: try WeightsPallet.matrix(db, table: "weight", netuid: netuid, n: n),
            bonds: try WeightsPallet.matrix(db, table: "bond", netuid: netuid, n: n),
            emission: emission)
        let out = YumaConsensus.run(input)

        var incentive: [UInt16: Double] = [:]
        for i in 0..<n {
            neurons[i].active = out.active[i]
            neurons[i].validatorPermit = out.validatorPermit[i]
            neurons[i].rank = YumaMath.toU16(out.rank[i])
            neurons[i].trust = YumaMath.toU16(out.trust[i])
            neurons[i].consensus = YumaMath.toU16(out.consensus[i])
            neurons[i].validatorTrust = YumaMath.toU16(out.validatorTrust[i])
            neurons[i].incentive = YumaMath.toU16(out.incentive[i])
            neurons[i].dividends = YumaMath.toU16(out.dividends[i])
            neurons[i].pruningScore = YumaMath.toU16(out.pruningScore[i])
            neurons[i].emission = out.emission[i]
            try neurons[i].update(db)
            let earned = out.serverEmission[i] + out.validatorEmission[i]
            if earned > 0 { try Ledger.addStake(db, hotkey: neurons[i].hotkey, coldkey: neurons[i].coldkey, earned) }
            if out.incentive[i] > 0 { incentive[neurons[i].uid] = out.incentive[i] }
            if let row = out.bonds[i] {
                try db.execute(sql: "DELETE FROM bond WHERE netuid = ? AND uid = ?", arguments: [netuid, neurons[i].uid])
                for (dest, value) in row.enumerated() where value > 0 {
                    try db.execute(sql: "INSERT INTO bond (netuid, uid, dest, value) VALUES (?, ?, ?, ?)",
                                   arguments: [netuid, neurons[i].uid, dest, value])
                }
            }
        }
        let toMiners = out.serverEmission.reduce(0, +), toValidators = out.validatorEmission.reduce(0, +)
        try db.devnetLog(block, "subnet \(netuid): epoch over \(n) neurons, emitted \(tao(toMiners + toValidators)) τ (miners \(tao(toMiners)), validators \(tao(toValidators)))")
        return EpochReport(netuid: netuid, block: block, neurons: n, emitted: toMiners + toValidators,
                           toMiners: toMiners, toValidators: toValidators, incentive: incentive)
    }

    /// Sets validator permits on every subnet `hotkey` is registered on as the next epoch would:
    /// the top `maxAllowedValidators` non-zero stake weights (the devnet faucet's shortcut).
    static func rankPermits(_ db: Database, hotkey: String) throws {
        let taoWeight = try Ledger.taoWeight(db)
        let netuids = try UInt16.fetchAll(db, sql: "SELECT netuid FROM neuron WHERE hotkey = ?", arguments: [hotkey])
        for netuid in netuids {
            guard let subnet = try SubnetParameters.fetchOne(db, key: netuid) else { continue }
            var neurons = try NeuronRecord.all(db, netuid: netuid)
            let weights = try neurons.map { Double(try Ledger.stakeWeight(db, hotkey: $0.hotkey, taoWeight: taoWeight)) }
            let permits = YumaMath.isTopKNonzero(weights, k: Int(subnet.maxAllowedValidators))
            for i in neurons.indices where neurons[i].validatorPermit != permits[i] {
                neurons[i].validatorPermit = permits[i]
                try neurons[i].update(db)
            }
        }
    }
}
