import Timelock

/// The real timelock: drand tlock on BLS12-381 (the `Timelock` module), byte for byte as
/// bittensor-drand 2.0.0 and subtensor's commit-reveal v4 use it.
public struct DrandTimelockCipher: TimelockCipher {
    public init() {}

    public func encrypt(_ plaintext: [UInt8], round: UInt64, publicKey: [UInt8]) throws -> [UInt8] {
        try Timelock.encrypt(plaintext, round: round, publicKey: publicKey)
    }

    public func decrypt(_ ciphertext: [UInt8], signature: [UInt8]) throws -> [UInt8] {
        try Timelock.decrypt(ciphertext, signature: signature)
    }
}

/// A drand-style beacon key signs rounds as quicknet does (`bls-unchained-g1-rfc9380`).
extension BeaconSecretKey: BeaconSigner {}

extension TimelockSuite {
    /// drand tlock with BLS12-381 beacon keys: what every process of this project runs with.
    public static let drand = TimelockSuite(cipher: DrandTimelockCipher(), makeSigner: { try BeaconSecretKey(bytes: $0) })
}
