import Bittensor
import Foundation
import GRDB

/// The devnet's drand stand-in: a BLS secret key made at `devnet init` (kept in
/// `<path>/beacon.secret`, hex, mode 0600; the public key, genesis and period in the store), and
/// rounds on a quicknet-like clock. The block producer publishes each round's signature as
/// time passes (`publish`), which is what lets the chain reveal commits encrypted to it.
public struct DevnetBeacon: Sendable {
    /// The secret key file inside a devnet folder.
    public static func secretFile(in path: String) -> String { (path as NSString).appendingPathComponent("beacon.secret") }

    /// At most this many past rounds are published at once (after a stopped producer restarts).
    static let backlog: UInt64 = 64
    /// Pulses older than this many rounds are pruned.
    static let retained: UInt64 = 20_000

    /// A fresh secret scalar: 32 random bytes, big-endian, below 2²⁵⁴ (so below the BLS12-381
    /// group order) and non-zero.
    public static func newSecretKey() -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        while true {
            var key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
            key[0] &= 0x3f
            if key.contains(where: { $0 != 0 }) { return key }
        }
    }

    /// Writes the secret (0600, refusing to overwrite) and the public part into the store.
    static func install(path: String, secretKey: [UInt8], publicKey: [UInt8], genesis: Double, period: Double, db: Database) throws {
        guard period > 0, period.isFinite, genesis.isFinite else {
            throw DevnetError.invalidArgument("the beacon period must be a positive number of seconds")
        }
        let file = secretFile(in: path)
        guard FileManager.default.createFile(atPath: file, contents: Data(Hex.encode(secretKey).utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw DevnetError.storage("could not write \(file)")
        }
        try db.execute(sql: "INSERT INTO beacon (id, publicKey, genesis, period) VALUES (1, ?, ?, ?)",
                       arguments: [Data(publicKey), genesis, period])
    }

    /// The beacon's public part, nil when the devnet was made without one.
    static func load(_ db: Database) throws -> TimelockBeacon? {
        guard let row = try Row.fetchOne(db, sql: "SELECT publicKey, genesis, period FROM beacon WHERE id = 1") else { return nil }
        return TimelockBeacon(publicKey: [UInt8](row["publicKey"] as Data), genesis: row["genesis"], period: row["period"])
    }

    /// Reads the secret key file.
    static func secretKey(path: String) throws -> [UInt8] {
        let file = secretFile(in: path)
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
              let key = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
            throw DevnetError.storage("the beacon secret key \(file) is missing or not 32 bytes of hex")
        }
        return key
    }

    /// Publishes the signatures of the rounds due at `now` not yet stored (at most `backlog`).
    static func publish(_ db: Database, beacon: TimelockBeacon, signer: any BeaconSigner, now: Double) throws {
        let latest = beacon.latestRound(at: now)
        guard latest > 0 else { return }
        let stored = try CommitRevealPallet.lastStoredRound(db)
        let first = max(stored + 1, latest > backlog ? latest - backlog + 1 : 1)
        guard first <= latest else { return }
        for round in first...latest {
            try db.execute(sql: "INSERT INTO pulse (round, signature) VALUES (?, ?)", arguments: [round, Data(signer.sign(round: round))])
        }
        if latest > retained {
            try db.execute(sql: "DELETE FROM pulse WHERE round < ?", arguments: [latest - retained])
        }
    }
}
