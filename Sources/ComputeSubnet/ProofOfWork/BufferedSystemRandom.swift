import CSodium

/// The operating system's CSPRNG (libsodium's `randombytes_buf`, `getrandom(2)` on Linux) read
/// 256 bytes at a time.
///
/// `SystemRandomNumberGenerator` makes one system call per 8 bytes; a challenge takes about 30
/// draws, so a validator round over 1,024 miners spent more time entering the kernel than
/// making challenges. The bytes are the same quality; they are only fetched in bulk.
public struct BufferedSystemRandom: RandomNumberGenerator {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var position = 32
    private static let sodiumReady: Bool = sodium_init() >= 0

    public init() { _ = Self.sodiumReady }

    public mutating func next() -> UInt64 {
        if position == 32 {
            withUnsafeMutableBytes(of: &words) { randombytes_buf($0.baseAddress!, $0.count) }
            position = 0
        }
        defer { position += 1 }
        return withUnsafeBytes(of: &words) { $0.load(fromByteOffset: position * 8, as: UInt64.self) }
    }
}
