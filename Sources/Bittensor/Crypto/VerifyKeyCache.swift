import CRistretto
import Synchronization

/// Public keys prepared for sr25519 verification (decoded, with the multiples the check reads),
/// kept for the keys seen most: an axon verifies request after request from the same few
/// validator hotkeys, and a prepared key saves ~10 % of each check.
///
/// Bounded: at `capacity` keys the cache starts over, so a caller cycling through keys costs
/// at most the unprepared check. Only valid keys are kept.
final class VerifyKeyCache: Sendable {
    /// One prepared key; immutable once made, freed with its last reference.
    final class PreparedKey: Sendable {
        nonisolated(unsafe) let pointer: UnsafeMutablePointer<cristretto_verify_key>

        /// nil when `publicKey` is not a canonical ristretto255 encoding.
        init?(_ publicKey: UnsafePointer<UInt8>) {
            pointer = .allocate(capacity: 1)
            // A failed initializer of a fully initialized class still runs deinit, which frees.
            guard cristretto_prepare_verify_key(pointer, publicKey) == 0 else { return nil }
        }

        deinit { pointer.deallocate() }
    }

    /// A 32-byte key as four words (hashing and comparing without an array).
    struct Key: Hashable {
        let a, b, c, d: UInt64
        init(_ bytes: UnsafeRawPointer) {
            a = bytes.loadUnaligned(as: UInt64.self)
            b = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            c = bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            d = bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        }
    }

    static let shared = VerifyKeyCache(capacity: 1024)

    let capacity: Int
    private let keys = Mutex<[Key: PreparedKey]>([:])

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { keys.withLock { $0.count } }

    /// The prepared form of the 32 bytes at `publicKey`, made and kept on first use; nil for an
    /// invalid encoding (never kept).
    func prepared(_ publicKey: UnsafePointer<UInt8>) -> PreparedKey? {
        let key = Key(publicKey)
        if let hit = keys.withLock({ $0[key] }) { return hit }
        guard let made = PreparedKey(publicKey) else { return nil }
        keys.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = made
        }
        return made
    }
}
