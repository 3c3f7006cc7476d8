import Crypto
import Testing
@testable import BLS12381

/// drand quicknet facts (published chain info and beacon for round 1000).
@Suite struct SignatureTests {
    static let quicknetKey = hex("83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a")
    static let round1000 = hex("b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39")

    static func message(round: UInt64) -> [UInt8] {
        Array(SHA256.hash(data: (0..<8).map { UInt8(truncatingIfNeeded: round >> UInt64(56 - 8 * $0)) }))
    }

    @Test func quicknetRound1000() {
        #expect(BLS.verify(signature: Self.round1000, message: Self.message(round: 1000), publicKey: Self.quicknetKey))
        #expect(!BLS.verify(signature: Self.round1000, message: Self.message(round: 1001), publicKey: Self.quicknetKey))
    }

    @Test func signVerifyRoundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        let sk = BLSSecretKey(using: &rng)
        let pk = sk.publicKey
        let sig = sk.sign(Self.message(round: 42))
        #expect(BLS.verify(signature: sig.compressed, message: Self.message(round: 42), publicKey: pk.compressed))
        #expect(!BLS.verify(signature: sig.compressed, message: Self.message(round: 43), publicKey: pk.compressed))
        #expect(!BLS.verify(signature: G1Point.identity, message: Self.message(round: 42), publicKey: pk))
        // Byte-level convenience API agrees.
        let pkBytes = try BLS.publicKey(secretKey: sk.bigEndianBytes)
        #expect(pkBytes == pk.compressed)
        #expect(try BLS.sign(message: [7], secretKey: sk.bigEndianBytes) == sk.sign([7]).compressed)
        // Parsing the key back gives the same public key.
        let again = try BLSSecretKey(bigEndianBytes: sk.bigEndianBytes)
        #expect(again.publicKey == pk)
        // Secret-key scalar multiplication agrees with the public double-and-add.
        #expect(pk.point == G2Point.generator.point.multipliedPublic(by: sk.scalar.limbs))
    }

    @Test func rejectsInvalidSecretKeys() throws {
        #expect(throws: BLSError.invalidSecretKey("zero")) { try BLSSecretKey(bigEndianBytes: [UInt8](repeating: 0, count: 32)) }
        // r itself (published group order) is not a valid key.
        let r = hex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001")
        #expect(throws: BLSError.self) { try BLSSecretKey(bigEndianBytes: r) }
        #expect(throws: BLSError.self) { try BLSSecretKey(bigEndianBytes: [1, 2, 3]) }
        // r − 1 is valid, and (r − 1)·G = −G.
        var rm1 = r
        rm1[31] = 0
        #expect(try BLSSecretKey(bigEndianBytes: rm1).publicKey == -G2Point.generator)
    }
}
