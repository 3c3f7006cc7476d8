/// Timelock encryption to a drand-style beacon round (Boneh–Franklin IBE on BLS12-381, drand
/// tlock as bittensor-drand and subtensor use it). The chain stores the **raw** ciphertext
/// (`n + 244` bytes for an `n`-byte plaintext; layout in `shared/reference/timelock.md`).
///
/// This is the seam for the real implementation (the `Timelock` module): validators encrypt
/// their weights with it, the devnet decrypts commits with it once the round's signature exists.
public protocol TimelockCipher: Sendable {
    /// Encrypts `plaintext` so that only the beacon's signature of `round` decrypts it.
    /// - Parameter publicKey: the beacon's public key (96-byte compressed G2 point).
    func encrypt(_ plaintext: [UInt8], round: UInt64, publicKey: [UInt8]) throws -> [UInt8]
    /// Decrypts a raw ciphertext with the beacon's signature of its round (48-byte compressed G1).
    func decrypt(_ ciphertext: [UInt8], signature: [UInt8]) throws -> [UInt8]
}

/// A beacon's secret key: signs rounds (the devnet's own drand stand-in).
public protocol BeaconSigner: Sendable {
    /// The public key timelock ciphertexts are encrypted to (96 bytes).
    var publicKey: [UInt8] { get }
    /// The beacon signature of `round` (48 bytes): what decrypts ciphertexts for `round`.
    func sign(round: UInt64) -> [UInt8]
}

/// The timelock implementation a process runs with: the cipher, and how to turn a stored
/// 32-byte big-endian secret scalar into a `BeaconSigner`.
public struct TimelockSuite: Sendable {
    public let cipher: any TimelockCipher
    /// Builds the beacon key from its 32-byte big-endian secret scalar.
    public let makeSigner: @Sendable (_ secretKey: [UInt8]) throws -> any BeaconSigner

    public init(cipher: any TimelockCipher, makeSigner: @escaping @Sendable (_ secretKey: [UInt8]) throws -> any BeaconSigner) {
        self.cipher = cipher
        self.makeSigner = makeSigner
    }
}
