import Bittensor
import Foundation
import GRDB

/// The embedded devnet as a `Subtensor`: every instance, in any process, that opens the same
/// folder sees and changes the same chain.
///
/// Authority: calls take a `Keypair` like the real client; the devnet does not sign or verify
/// extrinsics — holding the key's secret part is the authorisation (a verify-only key is refused).
public struct DevnetChain: Subtensor {
    public let store: DevnetStore
    /// The timelock implementation the block producer uses to publish beacon rounds and reveal
    /// commits; `nil`: commits are stored but never revealed (they expire).
    public var timelock: TimelockSuite?
    /// Unix seconds: the beacon clock (tests drive it by hand).
    public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    /// Opens an existing devnet at `path` (a folder made by `create`).
    public init(path: String, timelock: TimelockSuite? = nil) throws(DevnetError) {
        store = try DevnetStore(path: path, create: false)
        self.timelock = timelock
    }

    /// Creates a devnet at `path`: block 0, the dev accounts endowed (when asked), the subnets,
    /// and, given a timelock implementation, the devnet's beacon key.
    public static func create(path: String, genesis: DevnetGenesis, timelock: TimelockSuite? = nil) async throws -> DevnetChain {
        guard genesis.blockTime > 0, genesis.blockTime.isFinite else {
            throw DevnetError.invalidArgument("block time must be a positive number of seconds")
        }
        for subnet in genesis.subnets { try subnet.validate() }
        if FileManager.default.fileExists(atPath: DevnetStore.databaseFile(in: path)) {
            throw DevnetError.alreadyInitialised(path: path)
        }
        let store = try DevnetStore(path: path, create: true)
        let beaconKey: (secret: [UInt8], public: [UInt8])? = try timelock.map { suite in
            let secret = DevnetBeacon.newSecretKey()
            return (secret, try suite.makeSigner(secret).publicKey)
        }
        try await store.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chain") == 0 else {
                throw DevnetError.alreadyInitialised(path: path)
            }
            let now = Date().timeIntervalSince1970
            try db.execute(sql: "INSERT INTO chain (id, block, blockTime, genesisTime, lastBlockTime) VALUES (1, 0, ?, ?, ?)",
                           arguments: [genesis.blockTime, now, now])
            if genesis.fundDevAccounts {
                for account in Ledger.devAccounts { try Ledger.credit(db, account.address, Ledger.devEndowment) }
            }
            for subnet in genesis.subnets {
                try subnet.insert(db)
                try db.devnetLog(0, "subnet \(subnet.netuid) created (tempo \(subnet.tempo))")
            }
            if let beaconKey {
                try DevnetBeacon.install(path: path, secretKey: beaconKey.secret, publicKey: beaconKey.public,
                                         genesis: genesis.beaconGenesis ?? now, period: genesis.beaconPeriod, db: db)
            }
        }
        return DevnetChain(store: store, timelock: timelock)
    }

    init(store: DevnetStore, timelock: TimelockSuite? = nil) { self.store = store; self.timelock = timelock }

    // MARK: - Subtensor

    public func currentBlock() async throws -> UInt64 {
        try await store.read { db in try db.devnetBlock() }
    }

    public func metagraph(netuid: UInt16) async throws -> Metagraph {
        try await store.read { db in
            _ = try Registration.subnetOrThrow(db, netuid)
            let taoWeight = try Ledger.taoWeight(db)
            let neurons = try NeuronRecord.all(db, netuid: netuid).map { try Ledger.neuronInfo(db, $0, taoWeight: taoWeight) }
            return Metagraph(block: try db.devnetBlock(), netuid: netuid, neurons: neurons, taoWeight: taoWeight)
        }
    }

    public func isRegistered(hotkey: String, netuid: UInt16) async throws -> Bool {
        try await store.read { db in
            _ = try Registration.subnetOrThrow(db, netuid)
            return try NeuronRecord.find(db, netuid: netuid, hotkey: hotkey) != nil
        }
    }

    public func hyperparameters(netuid: UInt16) async throws -> SubnetHyperparameters {
        try await subnet(netuid: netuid).hyperparameters
    }

    public func blocksSinceLastUpdate(netuid: UInt16, uid: UInt16) async throws -> UInt64 {
        try await store.read { db in
            _ = try Registration.subnetOrThrow(db, netuid)
            guard let neuron = try NeuronRecord.fetchOne(db, key: ["netuid": netuid, "uid": uid]) else {
                throw Pallet.error("UidNotFound", "no uid \(uid) on subnet \(netuid)")
            }
            let block = try db.devnetBlock()
            return block - min(block, neuron.lastUpdate)
        }
    }

    public func serveAxon(netuid: UInt16, axon: AxonInfo, signer: Keypair) async throws {
        try await serveAxon(netuid: netuid, hotkey: try Self.address(of: signer), axon: axon)
    }

    public func setWeights(netuid: UInt16, uids: [UInt16], weights: [Double], versionKey: UInt64, signer: Keypair) async throws {
        guard uids.count == weights.count else {
            throw Pallet.error("WeightVecNotEqualSize", "\(uids.count) uids, \(weights.count) weights")
        }
        // Quantised exactly as the SDK does before it builds the extrinsic.
        let (dests, values) = try WeightQuantizer.quantize(uids: uids, weights: weights)
        try await setWeights(netuid: netuid, hotkey: try Self.address(of: signer), uids: dests, values: values, versionKey: versionKey)
    }

    public func burnedRegister(netuid: UInt16, hotkey: String, coldkey: Keypair) async throws {
        _ = try await register(netuid: netuid, hotkey: hotkey, coldkey: try Self.address(of: coldkey))
    }

    // MARK: - Calls by address (the pallet logic behind the signed calls)

    /// Burned registration of `hotkey`, paid by `coldkey` (both SS58); returns the uid.
    @discardableResult
    public func register(netuid: UInt16, hotkey: String, coldkey: String) async throws -> UInt16 {
        try Self.validate(hotkey)
        try Self.validate(coldkey)
        return try await store.write { db in
            try Registration.burnedRegister(db, netuid: netuid, hotkey: hotkey, coldkey: coldkey)
        }
    }

    /// `set_weights` from `hotkey` with already-quantised u16 values.
    public func setWeights(netuid: UInt16, hotkey: String, uids: [UInt16], values: [UInt16], versionKey: UInt64) async throws {
        try await store.write { db in
            try WeightsPallet.setWeights(db, netuid: netuid, hotkey: hotkey, uids: uids, values: values, versionKey: versionKey)
        }
    }

    /// `serve_axon` for `hotkey`.
    public func serveAxon(netuid: UInt16, hotkey: String, axon: AxonInfo) async throws {
        try await store.write { db in try Registration.serveAxon(db, netuid: netuid, hotkey: hotkey, axon: axon) }
    }

    // MARK: - Helpers

    /// The SS58 address of a signer, refusing verify-only keys.
    static func address(of signer: Keypair) throws(DevnetError) -> String {
        guard signer.secretKey != nil else { throw .signerWithoutSecret(signer.ss58Address) }
        return signer.ss58Address
    }

    /// Checks `address` is valid SS58 (length, checksum).
    static func validate(_ address: String) throws(DevnetError) {
        do { _ = try SS58.decode(address) } catch { throw .invalidAddress("'\(address)' is not a valid address: \(error)") }
    }
}

/// What a new devnet starts with.
public struct DevnetGenesis: Sendable, Hashable {
    /// Seconds between blocks when `devnet start` runs (fractions allowed).
    public var blockTime: Double = 12
    /// Endow `//Alice` … `//Ferdie` with 1 000 000 TAO each.
    public var fundDevAccounts = true
    public var subnets: [SubnetParameters] = []
    /// Unix time of the devnet beacon's round 1 (`nil`: the moment of creation).
    public var beaconGenesis: Double?
    /// Seconds between beacon rounds (quicknet: 3).
    public var beaconPeriod: Double = 3

    public init(blockTime: Double = 12, fundDevAccounts: Bool = true, subnets: [SubnetParameters] = [],
                beaconGenesis: Double? = nil, beaconPeriod: Double = 3) {
        self.blockTime = blockTime; self.fundDevAccounts = fundDevAccounts; self.subnets = subnets
        self.beaconGenesis = beaconGenesis; self.beaconPeriod = beaconPeriod
    }
}
