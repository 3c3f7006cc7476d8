import BLS12381
import Crypto

/// drand timelock encryption (Boneh–Franklin IBE + AES-256-GCM) byte-compatible with
/// bittensor-drand 2.0.0 / ideal-lab5 `timelock` (`tle` / `tld` with `AESGCMBlockCipherProvider`).
public enum Timelock {
    /// Encrypts `plaintext` so it opens with the beacon signature of `round`.
    /// - Parameter publicKey: the beacon's 96-byte compressed G2 public key (e.g. `Quicknet.publicKey`).
    /// - Returns: the raw ciphertext (plaintext length + 244 bytes).
    public static func encrypt(_ plaintext: [UInt8], round: UInt64, publicKey: [UInt8],
                               using rng: inout some RandomNumberGenerator) throws(TimelockError) -> [UInt8] {
        let pk: G2Point
        do { pk = try G2Point(compressed: publicKey) } catch { throw .invalidPublicKey(error) }
        guard !pk.isIdentity else { throw .invalidPublicKey(.invalidFlags("identity public key")) }
        let identity = HashToG1.hash(BeaconSecretKey.message(forRound: round), dst: BLS.quicknetDST)

        let aesKey = randomBytes(32, &rng)
        // sigma = sha256(random Fr, 32 bytes little-endian), r = H3(sigma ‖ key) mod r.
        let sigma = Array(SHA256.hash(data: Scalar.random(using: &rng).littleEndianBytes))
        let r = Scalar(reducingBigEndian: Array(SHA256.hash(data: sigma + aesKey)))
        let u = G2Point.generatorMultiple(r)
        let gid = Pairing.pairing(identity.multiplied(by: r), pk)
        let v = xor(sigma, Array(SHA256.hash(data: gid.serialized)))
        let w = xor(aesKey, Array(SHA256.hash(data: sigma)))

        let nonceBytes = randomBytes(12, &rng)
        let sealed: [UInt8]
        do {
            let box = try AES.GCM.seal(plaintext, using: SymmetricKey(data: aesKey),
                                       nonce: try AES.GCM.Nonce(data: nonceBytes))
            sealed = Array(box.ciphertext) + Array(box.tag)
        } catch {
            throw .encryptionFailed("\(error)")
        }
        return TimelockCiphertext(u: u.compressed, v: v, w: w, sealed: sealed, nonce: nonceBytes).serialized()
    }

    /// Encrypts with the system random number generator.
    public static func encrypt(_ plaintext: [UInt8], round: UInt64, publicKey: [UInt8]) throws(TimelockError) -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return try encrypt(plaintext, round: round, publicKey: publicKey, using: &rng)
    }

    /// Decrypts a raw ciphertext with the 48-byte compressed G1 beacon signature of its round.
    public static func decrypt(_ ciphertext: [UInt8], signature: [UInt8]) throws(TimelockError) -> [UInt8] {
        let ct = try TimelockCiphertext(parsing: ciphertext)
        let sig: G1Point
        do { sig = try G1Point(compressed: signature) } catch { throw .invalidSignature(error) }
        let u: G2Point
        do { u = try G2Point(compressed: ct.u) } catch { throw .malformedCiphertext("U: \(error)") }

        let gid = Pairing.pairing(sig, u)
        let sigma = xor(ct.v, Array(SHA256.hash(data: gid.serialized)))
        let aesKey = xor(ct.w, Array(SHA256.hash(data: sigma)))
        // Fujisaki–Okamoto check U == H3(sigma ‖ key)·G2, as the reference does.
        let r = Scalar(reducingBigEndian: Array(SHA256.hash(data: sigma + aesKey)))
        guard G2Point.generatorMultiple(r) == u else { throw .decryptionFailed }

        do {
            let n = ct.sealed.count - 16
            let box = try AES.GCM.SealedBox(nonce: try AES.GCM.Nonce(data: ct.nonce),
                                            ciphertext: ct.sealed[0..<n], tag: ct.sealed[n...])
            return Array(try AES.GCM.open(box, using: SymmetricKey(data: aesKey)))
        } catch {
            throw .authenticationFailed
        }
    }

    private static func xor(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] { zip(a, b).map { $0 ^ $1 } }

    private static func randomBytes(_ n: Int, _ rng: inout some RandomNumberGenerator) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(n)
        while out.count < n {
            let v: UInt64 = rng.next()
            for i in 0..<8 where out.count < n { out.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
        }
        return out
    }
}
