/// SS58 addresses (Substrate): prefix ‖ public key ‖ BLAKE2b-512("SS58PRE" ‖ …)[0..<2], Base58.
///
/// Prefixes 0…63 take one byte; 64…16383 take two bytes in Substrate's bit layout.
public enum SS58 {
    /// The generic Substrate prefix, used by Bittensor.
    public static let defaultPrefix: UInt16 = 42
    /// The largest prefix SS58 can express.
    public static let maxPrefix: UInt16 = 16383

    private static let checksumPrefix = Array("SS58PRE".utf8)

    /// Encodes a 32-byte public key with `prefix` (0…16383).
    public static func encode(publicKey: [UInt8], prefix: UInt16 = defaultPrefix) -> String {
        precondition(prefix <= maxPrefix, "SS58 prefix must be 0…16383")
        var data = prefixBytes(prefix)
        data.append(contentsOf: publicKey)
        data.append(contentsOf: checksum(data))
        return Base58.encode(data)
    }

    /// Decodes an address, validating length and checksum; returns prefix and public key.
    public static func decode(_ address: String) throws(KeyError) -> (prefix: UInt16, publicKey: [UInt8]) {
        guard let data = Base58.decode(address) else { throw .invalidSS58("not Base58: \(address)") }
        guard let first = data.first else { throw .invalidSS58("empty address") }
        let prefix: UInt16
        let prefixLength: Int
        switch first {
        case 0...63:
            (prefix, prefixLength) = (UInt16(first), 1)
        case 64...127:
            guard data.count >= 2 else { throw .invalidSS58("truncated two-byte prefix") }
            // Inverse of `prefixBytes`: the low byte is split across both bytes.
            let lower = UInt16((first << 2) | (data[1] >> 6))
            let upper = UInt16(data[1] & 0b0011_1111)
            (prefix, prefixLength) = (lower | upper << 8, 2)
        default:
            throw .invalidSS58("reserved prefix byte \(first)")
        }
        guard data.count == prefixLength + 32 + 2 else {
            throw .invalidSS58("expected \(prefixLength + 34) bytes, got \(data.count)")
        }
        let body = Array(data[0..<(prefixLength + 32)])
        guard checksum(body) == Array(data[(prefixLength + 32)...]) else { throw .invalidSS58("bad checksum") }
        return (prefix, Array(data[prefixLength..<(prefixLength + 32)]))
    }

    /// Whether `address` decodes with a valid checksum.
    public static func isValid(_ address: String) -> Bool {
        (try? decode(address)) != nil
    }

    private static func prefixBytes(_ prefix: UInt16) -> [UInt8] {
        if prefix < 64 { return [UInt8(prefix)] }
        let first = UInt8((prefix & 0b0000_0000_1111_1100) >> 2) | 0b0100_0000
        let second = UInt8(prefix >> 8) | UInt8(prefix & 0b11) << 6
        return [first, second]
    }

    private static func checksum(_ data: [UInt8]) -> [UInt8] {
        Array(Blake2b.hash(checksumPrefix + data, outputLength: 64)[0..<2])
    }
}
