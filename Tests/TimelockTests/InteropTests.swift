import BLS12381
import Testing
@testable import Timelock

/// Cross-checks against the real Python tools (bittensor-drand 2.0.0, py-arkworks-bls12381).
@Suite struct InteropTests {
    static let round1000Hex = "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39"

    /// (a) Swift encrypts to quicknet round 1000, bittensor-drand decrypts with the published signature.
    @Test func swiftEncryptsPythonDecrypts() throws {
        let msg = Array("swift → bittensor-drand".utf8)
        let ct = try Timelock.encrypt(msg, round: 1000, publicKey: Quicknet.publicKey)
        let out = try Interop.script("drand_decrypt.py", [Hex.encode(ct), "1000", Self.round1000Hex])
        #expect(out == Hex.encode(msg))
    }

    /// (b) bittensor-drand encrypt_at_round → Swift decrypts with the round signature.
    @Test func pythonEncryptsSwiftDecrypts() throws {
        let msg = Array("bittensor-drand → swift".utf8)
        let raw = try Interop.script("drand_encrypt.py", [Hex.encode(msg), "1000"])
        let ct = try #require(Hex.decode(raw))
        #expect(ct.count == msg.count + 244)
        #expect(try Timelock.decrypt(ct, signature: Hex.decode(Self.round1000Hex)!) == msg)
        // (c) a wrong signature (a random G1 point) fails.
        var rng = SystemRandomNumberGenerator()
        let other = G1Point.generator.multiplied(by: Scalar.random(using: &rng)).compressed
        #expect(throws: TimelockError.decryptionFailed) { try Timelock.decrypt(ct, signature: other) }
    }

    /// get_encrypted_commit_v2 returns a raw ciphertext with the documented layout; its round is in the
    /// future (no signature offline), so Swift parses it and fails only at the IBE check.
    @Test func commitV2IsRawCiphertext() throws {
        let hotkey = [UInt8](repeating: 0x11, count: 32)
        let parts = try Interop.script("drand_commit_v2.py", [Hex.encode(hotkey)]).split(separator: " ")
        let ct = try #require(Hex.decode(String(parts[0])))
        // Payload: compact(32) ‖ hotkey ‖ compact(3) ‖ 3×u16 ‖ compact(3) ‖ 3×u16 ‖ u64 = 55 bytes.
        #expect(ct.count == 55 + 244)
        #expect(throws: TimelockError.decryptionFailed) { try Timelock.decrypt(ct, signature: Hex.decode(Self.round1000Hex)!) }
    }

    /// (c) a random G1 point as signature is rejected by bittensor-drand and by Swift alike.
    @Test func wrongSignatureFailsInPython() throws {
        let ct = try Timelock.encrypt([9, 9, 9], round: 1000, publicKey: Quicknet.publicKey)
        var rng = SystemRandomNumberGenerator()
        let bogus = G1Point.generator.multiplied(by: Scalar.random(using: &rng)).compressed
        #expect(throws: (any Error).self) {
            try Interop.script("drand_decrypt.py", [Hex.encode(ct), "1000", Hex.encode(bogus)])
        }
        #expect(throws: TimelockError.decryptionFailed) { try Timelock.decrypt(ct, signature: bogus) }
    }

    /// (d) devnet-style beacon: Swift key signs round R; bittensor-drand decrypts a Swift ciphertext for that key.
    @Test func customBeaconPythonDecrypts() throws {
        let beacon = BeaconSecretKey()
        let round: UInt64 = 123_456
        let msg = Array("devnet beacon".utf8)
        let ct = try Timelock.encrypt(msg, round: round, publicKey: beacon.publicKey)
        let sig = beacon.sign(round: round)
        let out = try Interop.script("drand_decrypt.py", [Hex.encode(ct), String(round), Hex.encode(sig)])
        #expect(out == Hex.encode(msg))
    }

    /// GT serialisation and pairing values equal arkworks' for fixed points a·G1, b·G2.
    @Test(arguments: [(5, 7), (123_456_789, 987_654_321)])
    func pairingMatchesArkworks(_ ab: (Int, Int)) throws {
        let pts = try Interop.script("arkworks.py", ["points", String(ab.0), String(ab.1)], module: "py_arkworks_bls12381")
            .split(separator: " ").map(String.init)
        let p = try G1Point(compressed: Hex.decode(pts[0])!)
        let q = try G2Point(compressed: Hex.decode(pts[1])!)
        let expected = try Interop.script("arkworks.py", ["pairing", pts[0], pts[1]], module: "py_arkworks_bls12381")
        #expect(Hex.encode(Pairing.pairing(p, q).serialized) == expected)
    }

    /// hash_to_curve with the quicknet DST equals arkworks' for a round message.
    @Test func hashMatchesArkworks() throws {
        let m = BeaconSecretKey.message(forRound: 1000)
        let expected = try Interop.script("arkworks.py", ["hash", Hex.encode(m), String(decoding: BLS.quicknetDST, as: UTF8.self)],
                                          module: "py_arkworks_bls12381")
        #expect(Hex.encode(HashToG1.hash(m, dst: BLS.quicknetDST).compressed) == expected)
    }
}

