/// Storage keys: `twox128(pallet) ‖ twox128(item) ‖ hasher₁(key₁) ‖ …`, with the hashers the
/// metadata declares for the entry.
public enum StorageKey {
    /// The key of `pallet.item` for `keys` (each already SCALE-encoded), hashed as the metadata says.
    public static func make(metadata: RuntimeMetadata, pallet: String, item: String, keys: [[UInt8]]) throws(ChainError) -> [UInt8] {
        guard let entry = metadata.storageEntry(pallet: pallet, name: item),
              let prefix = metadata.pallet(named: pallet)?.storage?.prefix else {
            throw .unsupported("the runtime has no storage item \(pallet).\(item)")
        }
        let hashers: [RuntimeMetadata.StorageHasher]
        switch entry.kind {
        case .plain: hashers = []
        case let .map(h, _, _): hashers = h
        }
        guard hashers.count == keys.count else {
            throw .unsupported("\(pallet).\(item) takes \(hashers.count) keys, got \(keys.count)")
        }
        return make(prefix: prefix, item: item, hashers: hashers, keys: keys)
    }

    public static func make(prefix: String, item: String, hashers: [RuntimeMetadata.StorageHasher], keys: [[UInt8]]) -> [UInt8] {
        var out = XXHash.twox128(Array(prefix.utf8)) + XXHash.twox128(Array(item.utf8))
        for (hasher, key) in zip(hashers, keys) { out += hash(key, with: hasher) }
        return out
    }

    public static func hash(_ data: [UInt8], with hasher: RuntimeMetadata.StorageHasher) -> [UInt8] {
        switch hasher {
        case .blake2_128: Blake2b.hash128(data)
        case .blake2_256: Blake2b.hash256(data)
        case .blake2_128Concat: Blake2b.hash128(data) + data
        case .twox128: XXHash.twox128(data)
        case .twox256: XXHash.twox256(data)
        case .twox64Concat: XXHash.twox64(data) + data
        case .identity: data
        }
    }
}
