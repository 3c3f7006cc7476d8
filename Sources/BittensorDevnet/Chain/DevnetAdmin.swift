import Bittensor
import Foundation
import GRDB

/// The devnet's sudo and faucet side: what a localnet's `//Alice` and `pow-faucet` do, plus
/// block production (only the `devnet start` process calls it, or a test directly).
extension DevnetChain {
    /// The subnet's parameters.
    public func subnet(netuid: UInt16) async throws -> SubnetParameters {
        try await store.read { db in try Registration.subnetOrThrow(db, netuid) }
    }

    /// All subnets.
    public func subnets() async throws -> [SubnetParameters] {
        try await store.read { db in try SubnetParameters.order(Column("netuid")).fetchAll(db) }
    }

    /// Creates a subnet (fails with `SubnetExists` when the netuid is taken).
    public func createSubnet(_ parameters: SubnetParameters) async throws {
        try parameters.validate()
        try await store.write { db in
            guard try SubnetParameters.fetchOne(db, key: parameters.netuid) == nil else {
                throw Pallet.error("SubnetExists", "subnet \(parameters.netuid) already exists")
            }
            try parameters.insert(db)
            let block = try db.devnetBlock()
            try db.execute(sql: "UPDATE subnet SET createdAt = ?, lastEpoch = ? WHERE netuid = ?",
                           arguments: [block, block, parameters.netuid])
            try db.devnetLog(block, "subnet \(parameters.netuid) created (tempo \(parameters.tempo))")
        }
    }

    /// Changes a subnet's hyperparameters (sudo).
    public func updateSubnet(_ parameters: SubnetParameters) async throws {
        try parameters.validate()
        try await store.write { db in
            _ = try Registration.subnetOrThrow(db, parameters.netuid)
            try parameters.update(db)
        }
    }

    /// Faucet: mints `rao` into `address`'s free balance.
    public func fund(address: String, rao: UInt64) async throws {
        try Self.validate(address)
        guard rao > 0 else { throw DevnetError.invalidArgument("the amount must be positive") }
        try await store.write { db in
            try Ledger.credit(db, address, rao)
            try db.devnetLog(try db.devnetBlock(), "faucet: \(tao(rao)) τ to \(short(address))")
        }
    }

    /// Stakes `rao` of TAO on `hotkey`: on the subnet (default), swapped 1:1 into alpha — the
    /// devnet has no AMM pool — or, with `root`, kept as TAO on root (counted at `tao_weight`).
    /// With `coldkey`, the TAO comes from its balance (and the hotkey must be its own) and
    /// permits move at the next epoch, as on finney. Without, it is minted — a dev faucet — and
    /// the faucet also re-ranks validator permits on the hotkey's subnets at once (top-k by stake
    /// weight, what the next epoch would give), so a freshly staked dev validator need not wait a
    /// tempo before miners accept it.
    public func addStake(hotkey: String, rao: UInt64, coldkey: String? = nil, root: Bool = false) async throws {
        try Self.validate(hotkey)
        if let coldkey { try Self.validate(coldkey) }
        guard rao > 0 else { throw DevnetError.invalidArgument("the amount must be positive") }
        try await store.write { db in
            let owner = try coldkey ?? Ledger.owner(db, hotkey: hotkey) ?? hotkey
            if let coldkey {
                try Ledger.claimHotkey(db, hotkey: hotkey, coldkey: coldkey)
                try Ledger.debit(db, coldkey, rao)
            }
            if root {
                try Ledger.addTaoStake(db, hotkey: hotkey, coldkey: owner, rao)
                try db.devnetLog(try db.devnetBlock(), "stake: \(tao(rao)) τ on root for \(short(hotkey))")
            } else {
                try Ledger.addStake(db, hotkey: hotkey, coldkey: owner, rao)
                try db.devnetLog(try db.devnetBlock(), "stake: \(tao(rao)) τ → \(tao(rao)) α on \(short(hotkey))")
            }
            if coldkey == nil { try Epoch.rankPermits(db, hotkey: hotkey) }
        }
    }

    /// Free balance of a coldkey, in rao.
    public func balance(of address: String) async throws -> UInt64 {
        try await store.read { db in try Ledger.balance(db, address) }
    }

    /// Alpha staked on a hotkey, in rao of alpha.
    public func stake(of hotkey: String) async throws -> UInt64 {
        try await store.read { db in try Ledger.alphaStake(db, hotkey: hotkey) }
    }

    /// Root TAO staked on a hotkey, in rao of TAO.
    public func taoStake(of hotkey: String) async throws -> UInt64 {
        try await store.read { db in try Ledger.taoStake(db, hotkey: hotkey) }
    }

    /// `alpha + tao_weight × TAO` of a hotkey, in rao of alpha-equivalent.
    public func stakeWeight(of hotkey: String) async throws -> UInt64 {
        try await store.read { db in try Ledger.stakeWeight(db, hotkey: hotkey, taoWeight: Ledger.taoWeight(db)) }
    }

    /// The chain's `tao_weight` (default 0.18, finney's).
    public func taoWeight() async throws -> TaoWeight {
        try await store.read { db in try Ledger.taoWeight(db) }
    }

    /// Sets `tao_weight` (sudo on the real chain).
    public func setTaoWeight(_ weight: TaoWeight) async throws {
        try await store.write { db in
            try Ledger.setTaoWeight(db, weight)
            try db.devnetLog(try db.devnetBlock(), "tao_weight set to \(weight)")
        }
    }

    /// Seconds between blocks for the producer.
    public func blockTime() async throws -> Double {
        try await store.read { db in try Double.fetchOne(db, sql: "SELECT blockTime FROM chain WHERE id = 1") ?? 12 }
    }

    /// Produces the next block: advances the head, publishes the beacon rounds now due, reveals
    /// the timelocked commits due, and runs the epoch of every subnet whose tempo ends here, all
    /// in one transaction.
    @discardableResult
    public func produceBlock() async throws -> BlockReport {
        let signer = try beaconSigner()
        let cipher = timelock?.cipher
        let time = self.now()
        return try await store.write { db in
            let block = try db.devnetBlock() + 1
            try db.execute(sql: "UPDATE chain SET block = ?, lastBlockTime = ? WHERE id = 1",
                           arguments: [block, Date().timeIntervalSince1970])
            if let signer, let beacon = try DevnetBeacon.load(db) {
                try DevnetBeacon.publish(db, beacon: beacon, signer: signer, now: time)
            }
            var epochs: [EpochReport] = []
            for subnet in try SubnetParameters.order(Column("netuid")).fetchAll(db) {
                // As block_step: reveals before run_coinbase.
                try CommitRevealPallet.reveal(db, subnet: subnet, block: block, cipher: cipher)
                if subnet.isEpochBlock(block) { epochs.append(try Epoch.run(db, subnet: subnet, block: block)) }
            }
            return BlockReport(block: block, epochs: epochs)
        }
    }

    /// Produces `count` blocks back to back (tests and scripted demos).
    @discardableResult
    public func advance(blocks count: Int) async throws -> [BlockReport] {
        var reports: [BlockReport] = []
        for _ in 0..<max(0, count) { reports.append(try await produceBlock()) }
        return reports
    }

    /// Event-log lines with an id above `id`, oldest first.
    public func events(after id: Int64, limit: Int = 1000) async throws -> [DevnetEvent] {
        try await store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, block, text FROM event WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
                .map { DevnetEvent(id: $0["id"], block: $0["block"], text: $0["text"]) }
        }
    }

    /// The id of the newest event-log line (0 when empty).
    public func lastEventID() async throws -> Int64 {
        try await store.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event") ?? 0 }
    }

    /// Everything `devnet status` shows, read in one snapshot.
    public func status() async throws -> DevnetStatus {
        try await store.read { db in
            let block = try db.devnetBlock()
            let blockTime = try Double.fetchOne(db, sql: "SELECT blockTime FROM chain WHERE id = 1") ?? 12
            let subnets = try SubnetParameters.order(Column("netuid")).fetchAll(db).map { subnet in
                let neurons = try NeuronRecord.all(db, netuid: subnet.netuid)
                let n = neurons.count
                let matrix = try WeightsPallet.matrix(db, table: "weight", netuid: subnet.netuid, n: n)
                var weights: [String: [String: Double]] = [:]
                for (uid, row) in matrix.enumerated() where row.contains(where: { $0 > 0 }) {
                    var entries: [String: Double] = [:]
                    for (dest, value) in row.enumerated() where value > 0 { entries[String(dest)] = YumaMath.fromU16(value) }
                    weights[String(uid)] = entries
                }
                return DevnetStatus.SubnetStatus(
                    parameters: subnet,
                    neurons: try neurons.map { try Ledger.neuronInfo(db, $0, taoWeight: Ledger.taoWeight(db)) },
                    weights: weights)
            }
            return DevnetStatus(block: block, blockTime: blockTime, subnets: subnets, beacon: try DevnetBeacon.load(db),
                                lastStoredRound: try CommitRevealPallet.lastStoredRound(db))
        }
    }
}

/// One produced block.
public struct BlockReport: Sendable, Hashable, Codable {
    public var block: UInt64
    public var epochs: [EpochReport]
}

/// One line of the devnet's event log.
public struct DevnetEvent: Sendable, Hashable, Codable {
    public var id: Int64
    public var block: UInt64
    public var text: String
}

/// The devnet at one block: every subnet with its neurons and weights.
public struct DevnetStatus: Sendable, Hashable, Codable {
    public struct SubnetStatus: Sendable, Hashable, Codable {
        public var parameters: SubnetParameters
        public var neurons: [NeuronInfo]
        /// Validator uid → (neuron uid → weight, u16-normalised 0–1), as set on chain.
        public var weights: [String: [String: Double]]
    }
    public var block: UInt64
    public var blockTime: Double
    public var subnets: [SubnetStatus]
    /// The devnet's beacon (public key, genesis, period): what validators encrypt commits to.
    public var beacon: TimelockBeacon?
    /// The newest published beacon round (0: none).
    public var lastStoredRound: UInt64?
}
