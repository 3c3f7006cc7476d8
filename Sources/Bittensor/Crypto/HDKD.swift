/// Hierarchical deterministic key derivation as schnorrkel 0.11 and Substrate do it.
enum HDKD {
    /// schnorrkel `SecretKey::hard_derive_mini_secret_key(Some(chainCode), b"")`, as `sp-core`'s
    /// `derive_hard_junction`: a Merlin transcript over the chain code and the secret scalar.
    /// Returns the derived 32-byte mini secret (expanded with ExpansionMode::Ed25519 by the caller).
    static func hardDeriveMiniSecret(secretKey: [UInt8], chainCode: [UInt8]) -> [UInt8] {
        var t = MerlinTranscript(label: "SchnorrRistrettoHDKD")
        t.appendMessage(label: "sign-bytes", [UInt8]())
        t.appendMessage(label: "chain-code", chainCode)
        t.appendMessage(label: "secret-key", secretKey[0..<32])
        return t.challengeBytes(label: "HDKD-hard", count: 32)
    }
}
