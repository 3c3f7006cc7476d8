import Bittensor
import GRDB

/// Balances (free TAO on coldkeys), stake on hotkeys and `tao_weight`, in rao.
///
/// Dynamic TAO, simplified: staking TAO on a subnet swaps it 1:1 into **alpha** (no AMM pool,
/// no price, no slippage), and a hotkey holds one alpha balance (`hotkey.stake`) counted on
/// every subnet it is registered on (the devnet usually runs one). Root stake is **TAO** kept
/// apart (`hotkey.taoStake`). A neuron's stake weight is `alpha + tao_weight × TAO`, as
/// subtensor's `get_stake_weights_for_network`; epoch emission is paid into the earning
/// hotkey's alpha.
enum Ledger {
    /// The well-known development accounts (`//Alice` … `//Ferdie`, SS58 prefix 42), endowed at
    /// genesis like a subtensor localnet.
    static let devAccounts: [(uri: String, address: String)] = [
        ("//Alice", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"),
        ("//Bob", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"),
        ("//Charlie", "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y"),
        ("//Dave", "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy"),
        ("//Eve", "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw"),
        ("//Ferdie", "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL"),
    ]

    /// 1 000 000 TAO, the localnet endowment.
    static let devEndowment: UInt64 = 1_000_000 * raoPerTAO
    static let raoPerTAO: UInt64 = Rao.perToken

    static func balance(_ db: Database, _ address: String) throws -> UInt64 {
        try UInt64.fetchOne(db, sql: "SELECT balance FROM account WHERE address = ?", arguments: [address]) ?? 0
    }

    static func credit(_ db: Database, _ address: String, _ rao: UInt64) throws {
        let (sum, overflow) = try balance(db, address).addingReportingOverflow(rao)
        guard !overflow, sum <= UInt64(Int64.max) else { throw DevnetError.invalidArgument("balance overflow") }
        try db.execute(sql: "INSERT INTO account (address, balance) VALUES (?, ?) ON CONFLICT(address) DO UPDATE SET balance = excluded.balance",
                       arguments: [address, sum])
    }

    /// Removes `rao` from `address`; throws the pallet's `NotEnoughBalanceToStake` when short.
    static func debit(_ db: Database, _ address: String, _ rao: UInt64) throws {
        let current = try balance(db, address)
        guard current >= rao else {
            throw Pallet.error("NotEnoughBalanceToStake", "the coldkey holds \(current) rao, \(rao) needed")
        }
        try db.execute(sql: "UPDATE account SET balance = ? WHERE address = ?", arguments: [current - rao, address])
    }

    /// The hotkey's alpha, in rao of alpha.
    static func alphaStake(_ db: Database, hotkey: String) throws -> UInt64 {
        try UInt64.fetchOne(db, sql: "SELECT stake FROM hotkey WHERE hotkey = ?", arguments: [hotkey]) ?? 0
    }

    /// The hotkey's root stake, in rao of TAO.
    static func taoStake(_ db: Database, hotkey: String) throws -> UInt64 {
        try UInt64.fetchOne(db, sql: "SELECT taoStake FROM hotkey WHERE hotkey = ?", arguments: [hotkey]) ?? 0
    }

    /// The chain's `tao_weight`.
    static func taoWeight(_ db: Database) throws -> TaoWeight {
        TaoWeight(proportion: try Double.fetchOne(db, sql: "SELECT taoWeight FROM chain WHERE id = 1") ?? TaoWeight.finney.proportion)
    }

    static func setTaoWeight(_ db: Database, _ weight: TaoWeight) throws {
        try db.execute(sql: "UPDATE chain SET taoWeight = ? WHERE id = 1", arguments: [weight.proportion])
    }

    /// `alpha + tao_weight × TAO` for `hotkey`, in rao of alpha-equivalent.
    static func stakeWeight(_ db: Database, hotkey: String, taoWeight: TaoWeight) throws -> UInt64 {
        taoWeight.stakeWeight(alpha: try alphaStake(db, hotkey: hotkey), tao: try taoStake(db, hotkey: hotkey))
    }

    /// The metagraph view of `record` with its alpha, TAO and stake weight.
    static func neuronInfo(_ db: Database, _ record: NeuronRecord, taoWeight: TaoWeight) throws -> NeuronInfo {
        record.info(alphaStake: try alphaStake(db, hotkey: record.hotkey), taoStake: try taoStake(db, hotkey: record.hotkey),
                    taoWeight: taoWeight)
    }

    static func owner(_ db: Database, hotkey: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT coldkey FROM hotkey WHERE hotkey = ?", arguments: [hotkey])
    }

    /// Creates the hotkey → coldkey association when new; throws `NonAssociatedColdKey` when the
    /// hotkey already belongs to another coldkey.
    static func claimHotkey(_ db: Database, hotkey: String, coldkey: String) throws {
        if let owner = try owner(db, hotkey: hotkey) {
            guard owner == coldkey else {
                throw Pallet.error("NonAssociatedColdKey", "hotkey \(hotkey) belongs to coldkey \(owner)")
            }
        } else {
            try db.execute(sql: "INSERT INTO hotkey (hotkey, coldkey, stake) VALUES (?, ?, 0)", arguments: [hotkey, coldkey])
        }
    }

    /// Adds `rao` of alpha to the hotkey (creating it, owned by `coldkey`, when unknown): TAO
    /// staked on a subnet, swapped 1:1, or alpha emission.
    static func addStake(_ db: Database, hotkey: String, coldkey: String, _ rao: UInt64) throws {
        try add(db, column: "stake", hotkey: hotkey, coldkey: coldkey, rao)
    }

    /// Adds `rao` of TAO to the hotkey's root stake.
    static func addTaoStake(_ db: Database, hotkey: String, coldkey: String, _ rao: UInt64) throws {
        try add(db, column: "taoStake", hotkey: hotkey, coldkey: coldkey, rao)
    }

    private static func add(_ db: Database, column: String, hotkey: String, coldkey: String, _ rao: UInt64) throws {
        if try owner(db, hotkey: hotkey) == nil { try claimHotkey(db, hotkey: hotkey, coldkey: coldkey) }
        let current = try UInt64.fetchOne(db, sql: "SELECT \(column) FROM hotkey WHERE hotkey = ?", arguments: [hotkey]) ?? 0
        let (sum, overflow) = current.addingReportingOverflow(rao)
        guard !overflow, sum <= UInt64(Int64.max) else { throw DevnetError.invalidArgument("stake overflow") }
        try db.execute(sql: "UPDATE hotkey SET \(column) = ? WHERE hotkey = ?", arguments: [sum, hotkey])
    }
}

/// Errors of the SubtensorModule pallet, named as the runtime names them.
enum Pallet {
    static func error(_ name: String, _ docs: String = "") -> ChainError {
        .module(pallet: "SubtensorModule", name: name, docs: docs)
    }
}
