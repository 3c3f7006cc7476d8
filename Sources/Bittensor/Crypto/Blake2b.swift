import CSodium

/// BLAKE2b (RFC 7693) through libsodium: any output length from 1 to 64 bytes, optional key.
public enum Blake2b {
    /// Hashes `data` to `outputLength` bytes (1…64), keyed when `key` is non-empty (≤ 64 bytes).
    public static func hash(_ data: some Collection<UInt8>, outputLength: Int = 64, key: [UInt8] = []) -> [UInt8] {
        precondition((1...64).contains(outputLength), "BLAKE2b output length must be 1…64 bytes")
        precondition(key.count <= 64, "BLAKE2b key must be at most 64 bytes")
        Sodium.ensureInitialized()
        var out = [UInt8](repeating: 0, count: outputLength)
        let bytes = Array(data)
        bytes.withUnsafeBufferPointer { input in
            key.withUnsafeBufferPointer { k in
                _ = crypto_generichash(
                    &out, outputLength,
                    input.baseAddress, UInt64(input.count),
                    k.count == 0 ? nil : k.baseAddress, k.count)
            }
        }
        return out
    }

    /// BLAKE2b-256, the Substrate `blake2_256` hasher.
    public static func hash256(_ data: some Collection<UInt8>) -> [UInt8] { hash(data, outputLength: 32) }

    /// BLAKE2b-128, used by the `Blake2_128Concat` storage hasher.
    public static func hash128(_ data: some Collection<UInt8>) -> [UInt8] { hash(data, outputLength: 16) }
}
