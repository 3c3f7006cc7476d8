import Bittensor
import Foundation
import GRDB

/// Commit-reveal v4 on the devnet: the `Subtensor` requirements and the beacon plumbing.
extension DevnetChain {
    /// The devnet runs epochs on the modulo rule; its schedule in the stateful model
    /// (`EpochSchedule.legacy`) makes the SDK's reveal prediction land on its epoch blocks.
    public func epochSchedule(netuid: UInt16) async throws -> EpochSchedule {
        try await store.read { db in
            let subnet = try Registration.subnetOrThrow(db, netuid)
            return EpochSchedule.legacy(netuid: netuid, tempo: subnet.tempo, block: try db.devnetBlock())
        }
    }

    /// The devnet's own beacon (validators encrypt to it instead of quicknet).
    public func timelockBeacon() async throws -> TimelockBeacon {
        guard let beacon = try await store.read({ db in try DevnetBeacon.load(db) }) else {
            throw ChainError.unsupported("the devnet at \(store.path) has no beacon key (it was created without a timelock implementation); recreate it with `devnet init` from a build that has one, or use --commit-reveal off")
        }
        return beacon
    }

    public func expectedBlockTime() async throws -> Double { try await blockTime() }

    public func commitTimelockedWeights(netuid: UInt16, mecid: UInt8, commit: [UInt8], revealRound: UInt64,
                                        version: UInt16, signer: Keypair) async throws {
        try await commitTimelockedWeights(netuid: netuid, mecid: mecid, hotkey: try Self.address(of: signer), commit: commit,
                                          revealRound: revealRound, version: version)
    }

    /// `commit_timelocked_mechanism_weights` from `hotkey` (SS58).
    public func commitTimelockedWeights(netuid: UInt16, mecid: UInt8, hotkey: String, commit: [UInt8], revealRound: UInt64,
                                        version: UInt16 = CommitReveal.version) async throws {
        try await store.write { db in
            try CommitRevealPallet.commit(db, netuid: netuid, mecid: mecid, hotkey: hotkey, ciphertext: commit,
                                          revealRound: revealRound, version: version)
        }
    }

    /// Timelocked commits not yet revealed on `netuid` (hotkey, epoch, reveal round), oldest first.
    public func pendingCommits(netuid: UInt16) async throws -> [(hotkey: String, epoch: UInt64, revealRound: UInt64)] {
        try await store.read { db in
            try Row.fetchAll(db, sql: "SELECT hotkey, epoch, revealRound FROM timelockCommit WHERE netuid = ? ORDER BY id",
                             arguments: [netuid]).map { ($0["hotkey"], $0["epoch"], $0["revealRound"]) }
        }
    }

    /// The newest published beacon round (`LastStoredRound`).
    public func lastStoredRound() async throws -> UInt64 {
        try await store.read { db in try CommitRevealPallet.lastStoredRound(db) }
    }

    /// The beacon key from `beacon.secret`, when this devnet has a beacon and a timelock suite.
    func beaconSigner() throws -> (any BeaconSigner)? {
        guard let timelock, FileManager.default.fileExists(atPath: DevnetBeacon.secretFile(in: store.path)) else { return nil }
        return try timelock.makeSigner(DevnetBeacon.secretKey(path: store.path))
    }
}
