import Bittensor
import GRDB

/// Balances (free TAO on coldkeys) and stake (TAO on hotkeys), in rao.
///
/// Simplification: one token. Stake is global to the hotkey (no per-subnet alpha), and
/// epoch emission is added straight to the earning hotkey's stake, as before dTAO.
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
    static let raoPerTAO: UInt64 = 1_000_000_000

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

    static func stake(_ db: Database, hotkey: String) throws -> UInt64 {
        try UInt64.fetchOne(db, sql: "SELECT stake FROM hotkey WHERE hotkey = ?", arguments: [hotkey]) ?? 0
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

    /// Adds `rao` to the hotkey's stake (creating it, owned by `coldkey`, when unknown).
    static func addStake(_ db: Database, hotkey: String, coldkey: String, _ rao: UInt64) throws {
        if try owner(db, hotkey: hotkey) == nil { try claimHotkey(db, hotkey: hotkey, coldkey: coldkey) }
        let (sum, overflow) = try stake(db, hotkey: hotkey).addingReportingOverflow(rao)
        guard !overflow, sum <= UInt64(Int64.max) else { throw DevnetError.invalidArgument("stake overflow") }
        try db.execute(sql: "UPDATE hotkey SET stake = ? WHERE hotkey = ?", arguments: [sum, hotkey])
    }
}

/// Errors of the SubtensorModule pallet, named as the runtime names them.
enum Pallet {
    static func error(_ name: String, _ docs: String = "") -> ChainError {
        .module(pallet: "SubtensorModule", name: name, docs: docs)
    }
}
