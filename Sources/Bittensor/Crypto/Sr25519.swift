import CSodium

/// sr25519 as schnorrkel 0.11 does it: Schnorr signatures over ristretto255 with Merlin
/// transcripts, signing context `substrate` (as Substrate's `sp-core` and the Bittensor SDK).
enum Sr25519 {
    static let secretKeyLength = 64
    static let signatureLength = 64

    /// `signing_context(b"substrate")`: the transcript every message is appended to.
    private static let contextTranscript: MerlinTranscript = {
        var t = MerlinTranscript(label: "SigningContext")
        t.appendMessage(label: "", "substrate".utf8)
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
    static func sign(message: some Collection<UInt8>, secretKey: [UInt8], publicKey: [UInt8]) -> [UInt8] {
        var t = contextTranscript
        t.appendMessage(label: "sign-bytes", message)
        t.appendMessage(label: "proto-name", "Schnorr-sig".utf8)
        t.appendMessage(label: "sign:pk", publicKey)

        var random = [UInt8](repeating: 0, count: 32)
        randombytes_buf(&random, 32)
        let nonce = Array(secretKey[32..<64])

        var signature = [UInt8](repeating: 0, count: 64)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64 * 2 + 32 * 3) { tmp in
            let wide = UnsafeMutableBufferPointer(rebasing: tmp[0..<64])
            let r = tmp.baseAddress! + 64
            let k = tmp.baseAddress! + 96
            let kx = tmp.baseAddress! + 128
            // r = witness_scalar(b"signing", &[&nonce])
            t.witnessBytes(label: "signing", witnesses: [nonce], random: random, into: wide)
            Ristretto255.reduceWide(wide.baseAddress!, into: r)
            signature.withUnsafeMutableBufferPointer { sig in
                Ristretto255.baseMultiply(r, into: sig.baseAddress!)
                t.appendMessage(label: "sign:R", UnsafeBufferPointer(start: sig.baseAddress!, count: 32))
                // k = challenge_scalar(b"sign:c"); s = k · key + r
                t.challengeBytes(label: "sign:c", into: wide)
                Ristretto255.reduceWide(wide.baseAddress!, into: k)
                secretKey.withUnsafeBufferPointer { key in
                    crypto_core_ristretto255_scalar_mul(kx, k, key.baseAddress!)
                }
                crypto_core_ristretto255_scalar_add(sig.baseAddress! + 32, kx, r)
            }
            tmp.update(repeating: 0)
        }
        signature[63] |= 0x80 // schnorrkel marker: distinguishes from pre-0.8 signatures
        return signature
    }

    /// Verifies a 64-byte schnorrkel signature: marker bit set, s canonical, and
    /// s · B − k · A encodes to R.
    static func verify(signature: [UInt8], message: some Collection<UInt8>, publicKey: [UInt8]) -> Bool {
        guard signature.count == 64, publicKey.count == 32, signature[63] & 0x80 != 0 else { return false }
        var s = Array(signature[32..<64])
        s[31] &= 0x7f
        guard s.withUnsafeBytes({ Ristretto255.isCanonicalScalar($0) }) else { return false }

        var t = contextTranscript
        t.appendMessage(label: "sign-bytes", message)
        t.appendMessage(label: "proto-name", "Schnorr-sig".utf8)
        t.appendMessage(label: "sign:pk", publicKey)
        t.appendMessage(label: "sign:R", signature[0..<32])

        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64 + 32 * 4) { tmp in
            let wide = UnsafeMutableBufferPointer(rebasing: tmp[0..<64])
            let k = tmp.baseAddress! + 64
            let kA = tmp.baseAddress! + 96
            let sB = tmp.baseAddress! + 128
            let rPrime = tmp.baseAddress! + 160
            t.challengeBytes(label: "sign:c", into: wide)
            Ristretto255.reduceWide(wide.baseAddress!, into: k)
            guard crypto_scalarmult_ristretto255(kA, k, publicKey) == 0 else { return false }
            Ristretto255.baseMultiply(s, into: sB)
            guard crypto_core_ristretto255_sub(rPrime, sB, kA) == 0 else { return false }
            return signature.withUnsafeBufferPointer { sig in
                for i in 0..<32 where sig[i] != rPrime[i] { return false }
                return true
            }
        }
    }
}
