import ComputeSubnetTestSupport
import Bittensor
import Foundation
import PowKernel
import Testing

/// Each kernel implementation this CPU runs, forced one at a time, against libsodium's BLAKE2b
/// over random charsets, salts and lengths, edge shapes included.
@Suite("PoW kernel implementations")
struct PowKernelTests {
    static let avx512Note: Comment = """
        this CPU lacks AVX-512F, so the avx512 kernel is not run here \
        (scripts/check-pow-avx512-emulated.sh tests it through SIMDe's AVX-512 emulation)
        """

    @Test("portable kernel finds the reference answers")
    func portable() { checkAgainstReference(.portable) }

    @Test("avx2 kernel finds the reference answers",
          .enabled(if: PowKernel.Implementation.avx2.isSupported, "this CPU lacks AVX2"))
    func avx2() { checkAgainstReference(.avx2) }

    @Test("avx512 kernel finds the reference answers",
          .enabled(if: PowKernel.Implementation.avx512.isSupported, avx512Note))
    func avx512() { checkAgainstReference(.avx512) }

    @Test("the dispatcher picks a kernel this CPU runs, and the override names one")
    func dispatcher() {
        let selected = PowKernel.Implementation.selected
        #expect(selected.isSupported)
        #expect(PowKernel.Implementation.portable.isSupported)
        let best = PowKernel.Implementation.choose(override: nil)
        #expect(best == PowKernel.Implementation.allCases.first { $0.isSupported })
        let env = ProcessInfo.processInfo.environment[PowKernel.Implementation.environmentVariable]
        #expect(selected == PowKernel.Implementation.choose(override: env))
        for impl in PowKernel.Implementation.allCases {
            #expect(PowKernel.Implementation.choose(override: impl.rawValue) == (impl.isSupported ? impl : best))
        }
        #expect(PowKernel.Implementation.choose(override: "") == best)
        #expect(PowKernel.Implementation.choose(override: "sse9") == best)
        #expect(PowKernel.Implementation.avx512.lanes == 8)
        #expect(PowKernel.Implementation.avx2.lanes == 4)
        #expect(PowKernel.Implementation.portable.lanes == 1)
    }

    @Test("shapes outside one block or twelve characters are refused")
    func refusedShapes() {
        let digest = [UInt8](repeating: 0, count: 64)
        #expect(PowKernel(charset: Array("ab".utf8), length: 13, salt: [], digest: digest) == nil)
        #expect(PowKernel(charset: Array("ab".utf8), length: 0, salt: [], digest: digest) == nil)
        #expect(PowKernel(charset: [], length: 4, salt: [], digest: digest) == nil)
        #expect(PowKernel(charset: Array(repeating: 1, count: 257), length: 4, salt: [], digest: digest) == nil)
        #expect(PowKernel(charset: Array("ab".utf8), length: 4, salt: Array(repeating: 0, count: 125), digest: digest) == nil)
        #expect(PowKernel(charset: Array("ab".utf8), length: 4, salt: Array(repeating: 0, count: 124), digest: digest) != nil)
        #expect(PowKernel(charset: Array("ab".utf8), length: 4, salt: [], digest: Array(digest.prefix(32))) == nil)
    }

    /// Random shapes (fixed seed) plus edges: charset sizes 1…256 (below and above each kernel's
    /// lane count), lengths 1, 8, 9, 12 (the word boundary), salts that end at 32 bytes (the
    /// short-message path), at 33 and at the full 128-byte block.
    func checkAgainstReference(_ impl: PowKernel.Implementation) {
        var rng = SplitMix64(seed: 0x5eed_0610 &+ UInt64(impl.lanes))
        for shape in 0..<160 {
            let n: Int = switch shape % 5 {
            case 0: 1 + Int(rng.next() % 9)            // 1…9: fewer than or about one vector
            case 1: 1 + Int(rng.next() % 256)
            case 2: [255, 256, 16, 17, 10][Int(rng.next() % 5)]
            default: 10 + Int(rng.next() % 77)
            }
            var pool = Array(UInt8(0)...UInt8(255))
            pool.shuffle(using: &rng)
            let charset = Array(pool.prefix(n))
            let length: Int = switch shape % 7 {
            case 0: [1, 8, 9, 12][Int(rng.next() % 4)]
            default: 1 + Int(rng.next() % 12)
            }
            let room = 128 - length
            let saltCount: Int = switch shape % 6 {
            case 0: 32 - length
            case 1: 33 - length
            case 2: room
            case 3: 0
            default: Int(rng.next() % UInt64(room + 1))
            }
            let salt = (0..<saltCount).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var keyspace: UInt64 = 1
            for _ in 0..<length {
                let (p, o) = keyspace.multipliedReportingOverflow(by: UInt64(n))
                keyspace = o ? .max : p
                if o { break }
            }
            let bound = min(keyspace, 1 << 48)
            var index = rng.next() % bound
            if shape % 4 == 0 { index = bound - 1 - rng.next() % min(bound, 300) }   // near the end
            // The password at `index`, hashed by libsodium.
            var password = [UInt8](repeating: 0, count: length)
            var rest = index
            for p in stride(from: length - 1, through: 0, by: -1) {
                password[p] = charset[Int(rest % UInt64(n))]
                rest /= UInt64(n)
            }
            let digest = Blake2b.hash(password + salt)
            guard let kernel = PowKernel(charset: charset, length: length, salt: salt, digest: digest) else {
                Issue.record("kernel refused n=\(n) length=\(length) salt=\(saltCount)")
                continue
            }
            #expect(kernel.password(at: index) == password)
            let shapeText = "\(impl.rawValue) n=\(n) length=\(length) salt=\(saltCount) index=\(index)"
            let before = min(index, rng.next() % 150), after = rng.next() % 150
            #expect(kernel.search(start: index - before, count: before + 1 + after, using: impl) == index,
                    "window: \(shapeText)")
            #expect(kernel.search(start: index - before, count: before, using: impl) == nil,
                    "window ending just before: \(shapeText)")
            #expect(kernel.search(start: index, count: 1, using: impl) == index, "count 1: \(shapeText)")
            if index + 1 < keyspace {
                #expect(kernel.search(start: index + 1, count: 200, using: impl) == nil, "after: \(shapeText)")
            }
        }
    }
}

