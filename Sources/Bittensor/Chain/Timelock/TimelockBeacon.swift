/// A randomness beacon timelock ciphertexts are encrypted to: its public key and its clock
/// (round `r` is published at `genesis + (r − 1) · period`).
public struct TimelockBeacon: Sendable, Hashable, Codable {
    /// Compressed G2 public key (96 bytes).
    public var publicKey: [UInt8]
    /// Unix time (seconds) of round 1.
    public var genesis: Double
    /// Seconds between rounds.
    public var period: Double

    public init(publicKey: [UInt8], genesis: Double, period: Double) {
        self.publicKey = publicKey; self.genesis = genesis; self.period = period
    }

    /// drand quicknet (`bls-unchained-g1-rfc9380`), the beacon finney's pallet_drand follows.
    public static let quicknet = TimelockBeacon(
        publicKey: Hex.decode("83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a")!,
        genesis: 1_692_803_367, period: 3)

    /// The newest round published at `time` (0 before genesis).
    public func latestRound(at time: Double) -> UInt64 {
        guard time >= genesis, period > 0 else { return 0 }
        return UInt64(((time - genesis) / period).rounded(.down)) + 1
    }

    /// When `round` is published (Unix seconds).
    public func publishTime(ofRound round: UInt64) -> Double {
        genesis + Double(max(round, 1) - 1) * period
    }
}
