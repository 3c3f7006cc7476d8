import ComputeSubnetTestSupport
import CRistretto
import CSodium
import Testing

@testable import Bittensor


/// libsodium's answers, the reference for CRistretto. Its scalar multiplications clear bit 255 of
/// the scalar and refuse to output the identity, so scalars are reduced modulo ℓ first and a
/// refused identity is written as its encoding, 32 zero bytes.
private enum Sodium25519 {
    static func reduce(_ scalar: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        crypto_core_ristretto255_scalar_reduce(&out, scalar + [UInt8](repeating: 0, count: 32))
        return out
    }

    static func multiply(_ scalar: [UInt8], _ point: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        if crypto_scalarmult_ristretto255(&out, reduce(scalar), point) != 0 { return [UInt8](repeating: 0, count: 32) }
        return out
    }

    static func baseMultiply(_ scalar: [UInt8]) -> [UInt8] { Ristretto255.baseMultiply(reduce(scalar)) }

    static func add(_ p: [UInt8], _ q: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        _ = crypto_core_ristretto255_add(&out, p, q)
        return out
    }

    static func sub(_ p: [UInt8], _ q: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        _ = crypto_core_ristretto255_sub(&out, p, q)
        return out
    }

    static func isValid(_ p: [UInt8]) -> Bool { crypto_core_ristretto255_is_valid_point(p) == 1 }
}

private func doubleBase(_ a: [UInt8], _ A: [UInt8], _ b: [UInt8]) -> [UInt8]? {
    var out = [UInt8](repeating: 0, count: 32)
    return cristretto_double_base_vartime(&out, a, A, b) == 0 ? out : nil
}

private func scalar(_ n: UInt8) -> [UInt8] { [n] + [UInt8](repeating: 0, count: 31) }

@Suite("CRistretto: variable-time ristretto255 against libsodium")
struct CRistrettoTests {
    static let basepoint = unhex("e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76")
    static let identity = [UInt8](repeating: 0, count: 32)

    /// Scalars that stress the recoding: 0, 1, ℓ − 1, ℓ, 2^255 + x, 2^256 − 1, runs of ones.
    static let edgeScalars: [[UInt8]] = {
        var lMinus1 = Ristretto255.order
        lMinus1[0] -= 1
        var top = scalar(5)
        top[31] = 0x80
        var alternating = [UInt8](repeating: 0xaa, count: 32)
        alternating[31] = 0xff
        return [scalar(0), scalar(1), scalar(2), lMinus1, Ristretto255.order, top,
                [UInt8](repeating: 0xff, count: 32), alternating, [UInt8](repeating: 0x0f, count: 32)]
    }()

    @Test("a·A + b·B equals libsodium's a·A + b·B: edge scalars × identity, B, random points")
    func edgeCases() {
        Sodium.ensureInitialized()
        var rng = SplitMix64(seed: 1)
        let points = [Self.identity, Self.basepoint, Sodium25519.baseMultiply(rng.bytes())]
        for A in points {
            for a in Self.edgeScalars {
                for b in Self.edgeScalars {
                    let expected = Sodium25519.add(Sodium25519.multiply(a, A), Sodium25519.baseMultiply(b))
                    #expect(doubleBase(a, A, b) == expected, "a=\(Hex.encode(a)) A=\(Hex.encode(A)) b=\(Hex.encode(b))")
                }
            }
        }
    }

    @Test("a·A + b·B equals libsodium's for 300 random scalars and points")
    func randomCases() {
        Sodium.ensureInitialized()
        var rng = SplitMix64(seed: 2)
        for i in 0..<300 {
            let A = Sodium25519.baseMultiply(rng.bytes())
            var a = rng.bytes(), b = rng.bytes()
            if i % 3 == 1 { a[31] &= 0x0f } // below 2^252, like reduced scalars
            if i % 5 == 2 { b[31] &= 0x0f }
            let expected = Sodium25519.add(Sodium25519.multiply(a, A), Sodium25519.baseMultiply(b))
            #expect(doubleBase(a, A, b) == expected, "case \(i)")
        }
    }

    @Test("RFC 9496 A.1: n·B for n = 0…3 decode, re-encode and come out of b·B")
    func multiplesOfB() {
        let expected = [
            "0000000000000000000000000000000000000000000000000000000000000000",
            "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76",
            "6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919",
            "94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259",
        ]
        for (n, hex) in expected.enumerated() {
            #expect(cristretto_is_valid_point(unhex(hex)) == 1)
            #expect(doubleBase(scalar(0), Self.identity, scalar(UInt8(n))).map { Hex.encode($0) } == hex, "\(n)·B")
            #expect(doubleBase(scalar(1), unhex(hex), scalar(0)).map { Hex.encode($0) } == hex, "1·(\(n)·B)")
        }
    }

    /// RFC 9496 A.2, with libsodium's extra non-canonical case (bit 255 set).
    static let badEncodings = [
        // Non-canonical field encodings.
        "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "f3ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0100000000000000000000000000000000000000000000000000000000000080",
        // Negative field elements.
        "0100000000000000000000000000000000000000000000000000000000000000",
        "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ed57ffd8c914fb201471d1c3d245ce3c746fcbe63a3679d51b6a516ebebe0e20",
        "c34c4e1826e5d403b78e246e88aa051c36ccf0aafebffe137d148a2bf9104562",
        "c940e5a4404157cfb1628b108db051a8d439e1a421394ec4ebccb9ec92a8ac78",
        "47cfc5497c53dc8e61c91d17fd626ffb1c49e2bca94eed052281b510b1117a24",
        "f1c6165d33367351b0da8f6e4511010c68174a03b6581212c71c0e1d026c3c72",
        "87260f7a2f12495118360f02c26a470f450dadf34a413d21042b43b9d93e1309",
        // Non-square x^2.
        "26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371",
        "4eac077a713c57b4f4397629a4145982c661f48044dd3f96427d40b147d9742f",
        "de6a7b00deadc788eb6b6c8d20c0ae96c2f2019078fa604fee5b87d6e989ad7b",
        "bcab477be20861e01e4a0e295284146a510150d9817763caf1a6f4b422d67042",
        "2a292df7e32cababbd9de088d1d1abec9fc0440f637ed2fba145094dc14bea08",
        "f4a9e534fc0d216c44b218fa0c42d99635a0127ee2e53c712f70609649fdff22",
        "8268436f8c4126196cf64b3c7ddbda90746a378625f9813dd9b8457077256731",
        "2810e5cbc2cc4d4eece54f61c6f69758e289aa7ab440b3cbeaa21995c2f4232b",
        // Negative xy value.
        "3eb858e78f5a7254d8c9731174a94f76755fd3941c0ac93735c07ba14579630e",
        "a45fdc55c76448c049a1ab33f17023edfb2be3581e9c7aade8a6125215e04220",
        "d483fe813c6ba647ebbfd3ec41adca1c6130c2beeee9d9bf065c8d151c5f396e",
        "8a2e1d30050198c65a54483123960ccc38aef6848e1ec8f5f780e8523769ba32",
        "32888462f8b486c68ad7dd9610be5192bbeaf3b443951ac1a8118419d9fa097b",
        "227142501b9d4355ccba290404bde41575b037693cef1f438c47f8fbf35d1165",
        "5c37cc491da847cfeb9281d407efc41e15144c876e0170b499a96a22ed31e01e",
        "445425117cb8c90edcbc7c1cc0e74f747f2c1efa5630a967c64f287792a48a4b",
        // s = -1, which causes y = 0.
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ]

    @Test("RFC 9496 A.2 bad encodings are rejected, as libsodium rejects those with bit 255 clear",
          arguments: badEncodings)
    func badEncoding(_ hex: String) {
        Sodium.ensureInitialized()
        let bytes = unhex(hex)
        #expect(cristretto_is_valid_point(bytes) == 0)
        #expect(doubleBase(scalar(1), bytes, scalar(1)) == nil)
        #expect(cristretto_verify_schnorr(scalar(1), scalar(1), bytes, Self.basepoint) == 0)
        // libsodium 1.0.18 ignores bit 255 (RFC 9496 and schnorrkel reject it); compare the rest.
        if bytes[31] & 0x80 == 0 { #expect(!Sodium25519.isValid(bytes)) }
    }

    @Test("decoding accepts and rejects as libsodium: random strings, valid points with a bit flipped")
    func decodingAgrees() {
        Sodium.ensureInitialized()
        var rng = SplitMix64(seed: 3)
        var accepted = 0
        for i in 0..<2000 {
            var bytes = rng.bytes()
            bytes[31] &= 0x7f
            if i % 2 == 0 { bytes[0] &= 0xfe } // non-negative, so that some decode
            let valid = Sodium25519.isValid(bytes)
            accepted += valid ? 1 : 0
            #expect((cristretto_is_valid_point(bytes) == 1) == valid, "\(Hex.encode(bytes))")
        }
        #expect(accepted > 50) // the random strings did reach the curve checks
        for _ in 0..<40 {
            let point = Sodium25519.baseMultiply(rng.bytes())
            #expect(cristretto_is_valid_point(point) == 1)
            #expect(doubleBase(scalar(1), point, scalar(0)) == point) // encode(decode(P)) == P
            for bit in 0..<256 {
                var flipped = point
                flipped[bit / 8] ^= UInt8(1) << (bit % 8)
                let mine = cristretto_is_valid_point(flipped) == 1
                if bit == 255 { #expect(!mine) } else { #expect(mine == Sodium25519.isValid(flipped), "bit \(bit)") }
            }
        }
    }

    @Test("the Schnorr check accepts s·B − k·A and nothing else")
    func schnorr() {
        Sodium.ensureInitialized()
        var rng = SplitMix64(seed: 4)
        for _ in 0..<50 {
            let s = Sodium25519.reduce(rng.bytes()), k = Sodium25519.reduce(rng.bytes())
            let A = Sodium25519.baseMultiply(rng.bytes())
            let R = Sodium25519.sub(Sodium25519.baseMultiply(s), Sodium25519.multiply(k, A))
            #expect(cristretto_verify_schnorr(s, k, A, R) == 1)
            var badR = R
            badR[Int.random(in: 0..<32, using: &rng)] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            #expect(cristretto_verify_schnorr(s, k, A, badR) == 0)
            #expect(cristretto_verify_schnorr(k, s, A, R) == 0)
            var badA = A
            badA[31] |= 0x80
            #expect(cristretto_verify_schnorr(s, k, badA, R) == 0)
        }
    }

    @Test("a prepared key gives the Schnorr check's answers; invalid keys are not prepared")
    func preparedKeyAgrees() {
        Sodium.ensureInitialized()
        var rng = SplitMix64(seed: 5)
        for _ in 0..<50 {
            let s = Sodium25519.reduce(rng.bytes()), k = Sodium25519.reduce(rng.bytes())
            let A = Sodium25519.baseMultiply(rng.bytes())
            let R = Sodium25519.sub(Sodium25519.baseMultiply(s), Sodium25519.multiply(k, A))
            var key = cristretto_verify_key()
            #expect(cristretto_prepare_verify_key(&key, A) == 0)
            var badR = R
            badR[Int.random(in: 0..<32, using: &rng)] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
            for (sc, kc, r) in [(s, k, R), (s, k, badR), (k, s, R)] {
                #expect(cristretto_verify_schnorr_prepared(sc, kc, &key, r) == cristretto_verify_schnorr(sc, kc, A, r))
            }
            #expect(cristretto_verify_schnorr_prepared(s, k, &key, R) == 1)
            var badA = A
            badA[31] |= 0x80
            #expect(cristretto_prepare_verify_key(&key, badA) == -1)
        }
    }

    @Test("the verify-key cache keeps valid keys up to its capacity, then starts over")
    func verifyKeyCache() throws {
        let cache = VerifyKeyCache(capacity: 3)
        var rng = SplitMix64(seed: 6)
        let keys = (0..<4).map { _ in Sodium25519.baseMultiply(rng.bytes()) }
        var invalid = keys[0]
        invalid[31] |= 0x80
        #expect(invalid.withUnsafeBufferPointer { cache.prepared($0.baseAddress!) } == nil)
        #expect(cache.count == 0)
        let first = try #require(keys[0].withUnsafeBufferPointer { cache.prepared($0.baseAddress!) })
        #expect(keys[0].withUnsafeBufferPointer { cache.prepared($0.baseAddress!) } === first, "a hit returns the kept key")
        for key in keys[1..<3] { _ = key.withUnsafeBufferPointer { cache.prepared($0.baseAddress!) } }
        #expect(cache.count == 3)
        _ = keys[3].withUnsafeBufferPointer { cache.prepared($0.baseAddress!) }
        #expect(cache.count == 1, "full: started over with the new key")
        // The evicted key object stays usable by whoever holds it.
        let s = Sodium25519.reduce(rng.bytes()), k = Sodium25519.reduce(rng.bytes())
        let R = Sodium25519.sub(Sodium25519.baseMultiply(s), Sodium25519.multiply(k, keys[0]))
        #expect(cristretto_verify_schnorr_prepared(s, k, first.pointer, R) == 1)
    }

    @Test("sr25519 rejects a flipped bit in R, s, the message or the key")
    func sr25519Tampering() throws {
        let pair = try Keypair(uri: "//Alice")
        let message = Array("verification speed".utf8)
        let signature = try pair.sign(message)
        #expect(Sr25519.verify(signature: signature, message: message, publicKey: pair.publicKey))
        for bit in stride(from: 0, to: 504, by: 7) { // R is bits 0..255, s 256..510 (511 is the marker)
            var tampered = signature
            tampered[bit / 8] ^= UInt8(1) << (bit % 8)
            #expect(!Sr25519.verify(signature: tampered, message: message, publicKey: pair.publicKey), "bit \(bit)")
        }
        for bit in stride(from: 0, to: message.count * 8, by: 5) {
            var tampered = message
            tampered[bit / 8] ^= UInt8(1) << (bit % 8)
            #expect(!Sr25519.verify(signature: signature, message: tampered, publicKey: pair.publicKey), "bit \(bit)")
        }
        for bit in stride(from: 0, to: 256, by: 3) {
            var key = pair.publicKey
            key[bit / 8] ^= UInt8(1) << (bit % 8)
            #expect(!Sr25519.verify(signature: signature, message: message, publicKey: key), "bit \(bit)")
        }
    }

    @Test("sr25519 refuses the identity key, for which R = s·B verifies whatever the message")
    func identityKeyRefused() throws {
        var s = [UInt8](repeating: 0, count: 32)
        s[0] = 42
        var signature = Ristretto255.baseMultiply(s) + s
        signature[63] |= 0x80
        let zero = [UInt8](repeating: 0, count: 32)
        // The group equation holds for the identity key...
        #expect(cristretto_verify_schnorr(s, [UInt8](repeating: 9, count: 32), zero, Array(signature[0..<32])) == 1)
        // ...so sr25519 refuses the key itself.
        #expect(!Sr25519.verify(signature: signature, message: Array("anything".utf8), publicKey: zero))
    }
}
