import CPowKernel

/// The proof-of-work inner loop: BLAKE2b-512(password + salt) for a mask of one custom charset,
/// in the C kernel (`CPowKernel`), which carries an AVX-512, an AVX2 and a portable
/// implementation and picks one at run time from the CPU's features (`Implementation.selected`;
/// `SN27_POW_KERNEL=avx512|avx2|portable` overrides it).
///
/// Candidates are numbered in charset order: index 0 is `charset[0]` repeated, the last
/// position varies fastest. The search is pure and bounded — callers cut the keyspace into
/// chunks and check for cancellation between them.
public struct PowKernel: Sendable {
    /// One implementation of the search loop.
    public enum Implementation: String, CaseIterable, Sendable {
        /// Eight candidates per zmm register (x86-64 with AVX-512F).
        case avx512
        /// Four candidates per ymm register (x86-64 with AVX2).
        case avx2
        /// One candidate at a time in plain C (any CPU).
        case portable

        var c: cpow_impl {
            switch self {
            case .avx512: CPOW_IMPL_AVX512
            case .avx2: CPOW_IMPL_AVX2
            case .portable: CPOW_IMPL_PORTABLE
            }
        }

        init(_ c: cpow_impl) {
            switch c {
            case CPOW_IMPL_AVX512: self = .avx512
            case CPOW_IMPL_AVX2: self = .avx2
            default: self = .portable
            }
        }

        /// True when this CPU (and its OS) runs it.
        public var isSupported: Bool { cpow_impl_supported(c) }

        /// Candidates per vector step.
        public var lanes: Int { Int(cpow_impl_lanes(c)) }

        /// What `search(start:count:)` uses: the best this CPU runs, or the one named by the
        /// environment variable `SN27_POW_KERNEL` when the CPU runs it. Decided once per process.
        public static var selected: Implementation { Implementation(cpow_impl_selected()) }

        /// What the dispatcher picks for an override value (nil: none).
        public static func choose(override: String?) -> Implementation {
            guard let override else { return Implementation(cpow_impl_choose(nil)) }
            return Implementation(cpow_impl_choose(override))
        }

        /// The environment variable that overrides the choice.
        public static let environmentVariable = "SN27_POW_KERNEL"
    }

    /// The password alphabet, in enumeration order.
    public let charset: [UInt8]
    /// Password length (1…12; the password must live in message words 0 and 1).
    public let length: Int
    /// Number of candidates, saturated at `UInt64.max` when `charset.count^length` overflows.
    public var keyspace: UInt64 { state.pointer.pointee.keyspace }

    private let state: State

    /// The longest password the kernel handles (two message words).
    public static let maxLength = Int(CPOW_MAX_LENGTH)

    /// Returns nil when the shape is outside the kernel (password longer than 12, empty or
    /// over-long charset, password + salt over one 128-byte block, digest not 64 bytes):
    /// callers fall back to a scalar path.
    public init?(charset: [UInt8], length: Int, salt: [UInt8], digest: [UInt8]) {
        guard length >= 0 else { return nil }
        var k = cpow_kernel()
        guard cpow_kernel_init(&k, charset, charset.count, length, salt, salt.count, digest, digest.count) else {
            return nil
        }
        self.charset = charset
        self.length = length
        self.state = State(k)
    }

    /// The password at `index` in charset order.
    public func password(at index: UInt64) -> [UInt8] { Self.password(at: index, charset: charset, length: length) }

    /// The `length`-character password at `index` in the order of `charset` (the last character
    /// varies fastest), for every search over a mask of one charset.
    public static func password(at index: UInt64, charset: [UInt8], length: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        var rest = index
        let n = UInt64(charset.count)
        for p in stride(from: length - 1, through: 0, by: -1) {
            out[p] = charset[Int(rest % n)]
            rest /= n
        }
        return out
    }

    /// Searches candidates `start ..< start + count` (clamped to the keyspace) and returns the
    /// first index whose digest word 0 matches the target. A match is a candidate: confirm it
    /// with a full hash (a false positive has probability 2⁻⁶⁴ per candidate).
    public func search(start: UInt64, count: UInt64) -> UInt64? {
        var found: UInt64 = 0
        return cpow_kernel_search(state.pointer, start, count, &found) ? found : nil
    }

    /// The same search with a given implementation (nil when this CPU lacks it): for tests and
    /// benchmarks.
    public func search(start: UInt64, count: UInt64, using implementation: Implementation) -> UInt64? {
        guard implementation.isSupported else { return nil }
        var found: UInt64 = 0
        return cpow_kernel_search_with(state.pointer, implementation.c, start, count, &found) ? found : nil
    }

    /// The prepared challenge (~0.6 KB), shared by copies of the kernel and never mutated after
    /// init, so worker threads read it concurrently.
    private final class State: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<cpow_kernel>
        init(_ value: cpow_kernel) {
            pointer = .allocate(capacity: 1)
            pointer.initialize(to: value)
        }
        deinit { pointer.deallocate() }
    }
}
