/// SHA3-256 (FIPS 202): Keccak-f[1600] sponge, rate 136 bytes, domain padding 0x06…0x80.
public enum SHA3_256 {
    private static let rate = 136

    /// The 32-byte SHA3-256 digest of `data`.
    public static func hash(_ data: some Collection<UInt8>) -> [UInt8] {
        var state = KeccakState()
        return state.withBytes { bytes in
            var position = 0
            for byte in data {
                bytes[position] ^= byte
                position += 1
                if position == rate {
                    bytes.permute()
                    position = 0
                }
            }
            bytes[position] ^= 0x06
            bytes[rate - 1] ^= 0x80
            bytes.permute()
            return (0..<32).map { bytes[$0] }
        }
    }
}
