/// SS58 addresses (Substrate): prefix ‖ public key ‖ BLAKE2b-512("SS58PRE" ‖ …)[0..<2], Base58.
///
/// CONTRACT (filled in by the crypto work).
public enum SS58 {
    /// The generic Substrate prefix, used by Bittensor.
    public static let defaultPrefix: UInt16 = 42

    /// Encodes a 32-byte public key with `prefix` (0…16383).
    public static func encode(publicKey: [UInt8], prefix: UInt16 = defaultPrefix) -> String {
        fatalError("SS58.encode not implemented yet")
    }

    /// Decodes an address, validating length and checksum; returns prefix and public key.
    public static func decode(_ address: String) throws(KeyError) -> (prefix: UInt16, publicKey: [UInt8]) {
        fatalError("SS58.decode not implemented yet")
    }
}
