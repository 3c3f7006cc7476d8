import Testing

@testable import Bittensor

@Suite("Crypto primitives: SHA3, Merlin, xxHash, Base58")
struct PrimitiveTests {
    @Test("SHA3-256 FIPS 202 vectors")
    func sha3() {
        #expect(Hex.encode(SHA3_256.hash([UInt8]())) == "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
        #expect(Hex.encode(SHA3_256.hash(Array("abc".utf8))) == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Hex.encode(SHA3_256.hash(long)) == "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376")
        // Exactly one rate block (136 bytes) and one million 'a' cross the block boundary paths.
        #expect(Hex.encode(SHA3_256.hash([UInt8](repeating: 0x61, count: 1_000_000))) == "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1")
    }

    @Test("Merlin transcript: the crate's equivalence_simple vector")
    func merlin() {
        var t = MerlinTranscript(label: "test protocol")
        t.appendMessage(label: "some label", "some data")
        #expect(Hex.encode(t.challengeBytes(label: "challenge", count: 32)) == "d5a21972d0d5fe320c0d263fac7fffb8145aa640af6e9bca177c03c7efcf0615")
    }

    @Test("Base58 round trip keeps leading zero bytes")
    func base58() {
        #expect(Base58.encode([0, 0, 1]) == "112")
        #expect(Base58.decode("112") == [0, 0, 1])
        #expect(Base58.encode(Array("hello world".utf8)) == "StV1DL6CwTryKyV")
        #expect(Base58.decode("StV1DL6CwTryKyV") == Array("hello world".utf8))
        #expect(Base58.decode("0OIl") == nil)
    }
}

@Suite("xxHash64 and twox hashers")
struct XXHashTests {
    @Test("xxHash64 reference values")
    func xxh64() {
        #expect(XXHash.xxh64([UInt8]()) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash.xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash.xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXHash.xxh64(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        // Longer than one 32-byte stripe, with 8-, 4- and 1-byte tails (values from python-xxhash).
        #expect(XXHash.xxh64([UInt8](repeating: 0x61, count: 72)) == 0x4C18_7F00_CD92_F877)
        #expect(XXHash.xxh64([UInt8](repeating: 0x61, count: 103), seed: 1) == 0xDC07_C22B_91CE_9076)
    }

    @Test("twox128 storage prefixes as Substrate computes them")
    func twox() {
        #expect(Hex.encode(XXHash.twox128(Array("System".utf8)) + XXHash.twox128(Array("Account".utf8)))
            == "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
        #expect(Hex.encode(XXHash.twox128(Array("Timestamp".utf8)) + XXHash.twox128(Array("Now".utf8)))
            == "f0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb")
        #expect(XXHash.twox64(Array("System".utf8)) == Array(XXHash.twox128(Array("System".utf8)).prefix(8)))
        #expect(XXHash.twox256(Array("System".utf8)).prefix(16) == XXHash.twox128(Array("System".utf8))[...])
    }
}

@Suite("ristretto255 through libsodium")
struct Ristretto255Tests {
    @Test("RFC 9496 App. A.1: encodings of 0·B … 3·B")
    func multiplesOfB() {
        let expected = [
            "0000000000000000000000000000000000000000000000000000000000000000",
            "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
            "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
            "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
        ]
        for (n, hex) in expected.enumerated() {
            var scalar = [UInt8](repeating: 0, count: 32)
            scalar[0] = UInt8(n)
            #expect(Hex.encode(Ristretto255.baseMultiply(scalar)) == hex, "\(n)·B")
        }
        #expect(Ristretto255.isValidPoint(unhex(expected[1])))
        #expect(!Ristretto255.isValidPoint([UInt8](repeating: 0xff, count: 32)))
    }

    @Test("scalar canonicity is checked against ℓ")
    func canonical() {
        #expect(!Ristretto255.order.withUnsafeBytes { Ristretto255.isCanonicalScalar($0) })
        var belowOrder = Ristretto255.order
        belowOrder[0] -= 1
        #expect(belowOrder.withUnsafeBytes { Ristretto255.isCanonicalScalar($0) })
    }
}
