import ComputeSubnetTestSupport
import BLS12381
import Testing
@testable import Timelock

/// Local (non-Python) behaviour: round trips, failures, malformed input.
@Suite struct TimelockTests {
    static let round1000 = Hex.decode("b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39")!

    @Test func quicknetConstants() {
        #expect(Quicknet.publicKey.count == 96)
        #expect(BeaconSecretKey.verify(signature: Self.round1000, round: 1000, publicKey: Quicknet.publicKey))
        #expect(Quicknet.time(ofRound: 1000) == 1_692_803_367 + 999 * 3)
        #expect(Quicknet.round(at: Quicknet.time(ofRound: 1000)) == 1000)
    }

    @Test func roundTripWithOwnBeacon() throws {
        let beacon = BeaconSecretKey()
        let msg = Array("timelocked weights".utf8)
        let ct = try Timelock.encrypt(msg, round: 77, publicKey: beacon.publicKey)
        #expect(ct.count == msg.count + 244)
        let sig = beacon.sign(round: 77)
        #expect(BeaconSecretKey.verify(signature: sig, round: 77, publicKey: beacon.publicKey))
        #expect(try Timelock.decrypt(ct, signature: sig) == msg)
        // Wrong round's signature.
        #expect(throws: TimelockError.decryptionFailed) { try Timelock.decrypt(ct, signature: beacon.sign(round: 78)) }
        // Tampered AES body.
        var t = ct
        t[195] ^= 1 // inside the AES-GCM ciphertext (starts at 192)
        #expect(throws: TimelockError.authenticationFailed) { try Timelock.decrypt(t, signature: sig) }
        // Tampered V.
        t = ct
        t[110] ^= 1
        #expect(throws: TimelockError.decryptionFailed) { try Timelock.decrypt(t, signature: sig) }
        // Empty plaintext works too.
        let empty = try Timelock.encrypt([], round: 77, publicKey: beacon.publicKey)
        #expect(try Timelock.decrypt(empty, signature: sig) == [])
    }

    /// Encryption is a deterministic function of the RNG stream.
    @Test func deterministicWithSeededRNG() throws {
        let beacon = BeaconSecretKey()
        var r1 = SplitMix64(seed: 42), r2 = SplitMix64(seed: 42)
        let a = try Timelock.encrypt([1, 2, 3], round: 9, publicKey: beacon.publicKey, using: &r1)
        let b = try Timelock.encrypt([1, 2, 3], round: 9, publicKey: beacon.publicKey, using: &r2)
        #expect(a == b)
        #expect(try Timelock.decrypt(a, signature: beacon.sign(round: 9)) == [1, 2, 3])
    }

    @Test func malformedInputNeverCrashes() throws {
        let beacon = BeaconSecretKey()
        let ct = try Timelock.encrypt([1, 2, 3], round: 5, publicKey: beacon.publicKey)
        let sig = beacon.sign(round: 5)
        // Every truncation and an extension are rejected as malformed (before any pairing).
        for n in 0..<ct.count {
            let e = #expect(throws: TimelockError.self) { try Timelock.decrypt(Array(ct.prefix(n)), signature: sig) }
            if case .malformedCiphertext = e {} else { Issue.record("truncation to \(n) gave \(String(describing: e))") }
        }
        #expect(throws: TimelockError.self) { try Timelock.decrypt(ct + [0], signature: sig) }
        // Huge length fields.
        for offset in [96, 136, 176, 184] {
            var t = ct
            for i in 0..<8 { t[offset + i] = 0xff }
            let e = #expect(throws: TimelockError.self) { try Timelock.decrypt(t, signature: sig) }
            if case .malformedCiphertext = e {} else { Issue.record("length at \(offset) gave \(String(describing: e))") }
        }
        // Bad U encoding, bad signature encoding, bad public key.
        var t = ct
        t[0] &= 0x7f
        #expect(throws: TimelockError.self) { try Timelock.decrypt(t, signature: sig) }
        #expect(throws: TimelockError.invalidSignature(.invalidLength(what: "compressed G1 point", expected: 48, actual: 3))) {
            try Timelock.decrypt(ct, signature: [1, 2, 3])
        }
        #expect(throws: TimelockError.self) { try Timelock.encrypt([1], round: 1, publicKey: [UInt8](repeating: 0, count: 96)) }
        #expect(throws: TimelockError.self) { try BeaconSecretKey(hex: "zz") }
    }
}

