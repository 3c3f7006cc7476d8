import Bittensor
import GRDB

/// One uid of one subnet as stored: u16-normalised consensus values, exactly as the chain keeps
/// them, and the axon as served.
struct NeuronRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    static var databaseTableName: String { "neuron" }

    var netuid: UInt16
    var uid: UInt16
    var hotkey: String
    var coldkey: String
    var registeredAt: UInt64
    var lastUpdate: UInt64
    var active: Bool = true
    var validatorPermit: Bool = false
    var rank: UInt16 = 0
    var trust: UInt16 = 0
    var consensus: UInt16 = 0
    var validatorTrust: UInt16 = 0
    var incentive: UInt16 = 0
    var dividends: UInt16 = 0
    var emission: UInt64 = 0
    var pruningScore: UInt16 = 0
    var axonBlock: UInt64 = 0
    var axonVersion: UInt32 = 0
    var axonIP: String = "0.0.0.0"
    var axonPort: UInt16 = 0
    var axonIPType: UInt8 = 4
    var axonProtocol: UInt8 = 4

    /// A fresh neuron registered at `block` (a replaced uid starts over the same way).
    init(netuid: UInt16, uid: UInt16, hotkey: String, coldkey: String, block: UInt64) {
        self.netuid = netuid; self.uid = uid; self.hotkey = hotkey; self.coldkey = coldkey
        self.registeredAt = block; self.lastUpdate = block
    }

    /// All neurons of `netuid`, by uid.
    static func all(_ db: Database, netuid: UInt16) throws -> [NeuronRecord] {
        try NeuronRecord.filter(Column("netuid") == netuid).order(Column("uid")).fetchAll(db)
    }

    /// The neuron holding `hotkey` on `netuid`.
    static func find(_ db: Database, netuid: UInt16, hotkey: String) throws -> NeuronRecord? {
        try NeuronRecord.filter(Column("netuid") == netuid && Column("hotkey") == hotkey).fetchOne(db)
    }

    /// The metagraph's view: alpha and TAO stake in rao, stake weight at `taoWeight`.
    func info(alphaStake: UInt64, taoStake: UInt64, taoWeight: TaoWeight) -> NeuronInfo {
        NeuronInfo(
            uid: uid, hotkey: hotkey, coldkey: coldkey, alphaStake: alphaStake, taoStake: taoStake,
            taoWeight: taoWeight, active: active,
            axon: AxonInfo(block: axonBlock, version: axonVersion, ip: axonIP, port: axonPort,
                           ipType: axonIPType, protocol: axonProtocol),
            validatorPermit: validatorPermit, rank: YumaMath.fromU16(rank), trust: YumaMath.fromU16(trust),
            consensus: YumaMath.fromU16(consensus), validatorTrust: YumaMath.fromU16(validatorTrust),
            incentive: YumaMath.fromU16(incentive), dividends: YumaMath.fromU16(dividends),
            emission: emission, lastUpdate: lastUpdate, pruningScore: YumaMath.fromU16(pruningScore))
    }
}
