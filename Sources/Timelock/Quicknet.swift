/// drand quicknet (`bls-unchained-g1-rfc9380`) constants.
public enum Quicknet {
    /// Group public key (96-byte compressed G2), from drand's published chain info.
    public static let publicKeyHex =
        "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a"
    /// Group public key bytes.
    public static var publicKey: [UInt8] { Hex.decode(publicKeyHex)! }
    /// Unix time of round 1.
    public static let genesisTime: UInt64 = 1_692_803_367
    /// Seconds between rounds.
    public static let period: UInt64 = 3

    /// The round published at or before `unixTime` (0 before genesis).
    public static func round(at unixTime: UInt64) -> UInt64 {
        unixTime < genesisTime ? 0 : (unixTime - genesisTime) / period + 1
    }

    /// Publication time of `round` (genesis + (round − 1)·period).
    public static func time(ofRound round: UInt64) -> UInt64 {
        genesisTime + (max(round, 1) - 1) * period
    }
}
