import CRistretto
import CSodium

/// sr25519 as schnorrkel 0.11 does it: Schnorr signatures over ristretto255 with Merlin
/// transcripts, signing context `substrate` (as Substrate's `sp-core` and the Bittensor SDK).
enum Sr25519 {
    static let secretKeyLength = 64
    static let signatureLength = 64

    /// `signing_context(b"substrate")`: the transcript every message is appended to.
    private static let contextTranscript: MerlinTranscript = {
        var t = MerlinTranscript(label: "SigningContext")
        t.appendMessage(label: "", "substrate")
        return t
    }()

    /// schnorrkel `MiniSecretKey::expand(ExpansionMode::Ed25519)`: SHA-512 of the mini secret,
    /// clamp the low half as Ed25519, divide by the cofactor 8 (a right shift by 3, which keeps
    /// it below ℓ), nonce = the high half. Returns scalar ‖ nonce.
    static func expandEd25519(miniSecret: [UInt8]) -> [UInt8] {
        precondition(miniSecret.count == 32)
        Sodium.ensureInitialized()
        var h = [UInt8](repeating: 0, count: 64)
        _ = crypto_hash_sha512(&h, miniSecret, 32)
        h[0] &= 248
        h[31] &= 63
        h[31] |= 64
        // Little-endian shift right by 3 over the first 32 bytes.
        var carry: UInt8 = 0
        for i in stride(from: 31, through: 0, by: -1) {
            let b = h[i]
            h[i] = (b >> 3) | carry
            carry = b << 5
        }
        return h
    }

    /// The public key (compressed ristretto255 of scalar · B) of a 64-byte secret key.
    static func publicKey(secretKey: [UInt8]) -> [UInt8] {
        Ristretto255.baseMultiply(Array(secretKey[0..<32]))
    }

    /// Signs `message` with schnorrkel's "Schnorr-sig" protocol; the witness mixes the key's
    /// nonce and 32 fresh random bytes through the transcript (merlin's transcript RNG).
    static func sign(message: [UInt8], secretKey: [UInt8], publicKey: [UInt8]) -> [UInt8] {
        var t = transcript(message: message, publicKey: publicKey)
        var signature = [UInt8](repeating: 0, count: 64)
        // Scratch: wide(64) ‖ random(32) ‖ r(32) ‖ k(32) ‖ k·key(32), wiped afterwards.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 192) { tmp in
            let base = tmp.baseAddress!
            let wide = UnsafeMutableBufferPointer(start: base, count: 64)
            let random = base + 64, r = base + 96, k = base + 128, kx = base + 160
            randombytes_buf(random, 32)
            // r = witness_scalar(b"signing", &[&nonce]) with the transcript RNG.
            secretKey.withUnsafeBytes { key in
                t.witnessBytes(label: "signing", witness: UnsafeRawBufferPointer(rebasing: key[32..<64]),
                               random: UnsafeRawBufferPointer(start: random, count: 32), into: wide)
            }
            Ristretto255.reduceWide(base, into: r)
            signature.withUnsafeMutableBufferPointer { sig in
                let R = sig.baseAddress!
                Ristretto255.baseMultiply(r, into: R)
                t.appendMessage(label: "sign:R", UnsafeRawBufferPointer(start: R, count: 32))
                // k = challenge_scalar(b"sign:c"); s = k · key + r
                t.challengeBytes(label: "sign:c", into: wide)
                Ristretto255.reduceWide(base, into: k)
                secretKey.withUnsafeBufferPointer { crypto_core_ristretto255_scalar_mul(kx, k, $0.baseAddress!) }
                crypto_core_ristretto255_scalar_add(R + 32, kx, r)
            }
            sodium_memzero(base, 192)
        }
        signature[63] |= 0x80 // schnorrkel marker: distinguishes from pre-0.8 signatures
        return signature
    }

    /// Verifies a 64-byte schnorrkel signature: marker bit set, s canonical, and
    /// s · B − k · A encodes to R.
    static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == 64, publicKey.count == 32, signature[63] & 0x80 != 0 else { return false }
        // The identity (32 zero bytes) is a valid encoding, but anyone can sign for it (R = s·B):
        // refused, as the libsodium-based check before it refused it.
        guard publicKey.contains(where: { $0 != 0 }) else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64 + 32 * 2) { tmp in
            let base = tmp.baseAddress!
            let wide = UnsafeMutableBufferPointer(start: base, count: 64)
            let s = base + 64, k = base + 96
            signature.withUnsafeBufferPointer { sig in
                (s).update(from: sig.baseAddress! + 32, count: 32)
            }
            s[31] &= 0x7f
            guard Ristretto255.isCanonicalScalar(UnsafeRawBufferPointer(start: s, count: 32)) else { return false }

            var t = transcript(message: message, publicKey: publicKey)
            signature.withUnsafeBytes { t.appendMessage(label: "sign:R", UnsafeRawBufferPointer(rebasing: $0[0..<32])) }
            t.challengeBytes(label: "sign:c", into: wide)
            Ristretto255.reduceWide(base, into: k)
            // s·B − k·A == R in one variable-time double-base multiplication (all public data),
            // against the key's cached decoding and multiples.
            guard let key = publicKey.withUnsafeBufferPointer({ VerifyKeyCache.shared.prepared($0.baseAddress!) }) else { return false }
            return signature.withUnsafeBufferPointer { sig in
                cristretto_verify_schnorr_prepared(s, k, key.pointer, sig.baseAddress!) == 1
            }
        }
    }

    /// The signing transcript up to the commitment to R: context `substrate`, the message,
    /// protocol name "Schnorr-sig" and the public key.
    private static func transcript(message: [UInt8], publicKey: [UInt8]) -> MerlinTranscript {
        var t = contextTranscript
        t.appendMessage(label: "sign-bytes", message)
        t.appendMessage(label: "proto-name", "Schnorr-sig")
        t.appendMessage(label: "sign:pk", publicKey)
        return t
    }
}
