import Testing

@testable import Bittensor

@Suite("sr25519 key pairs against the SDK's vectors")
struct KeypairTests {
    static let vectors = KeyVectors.shared

    @Test("mnemonic → entropy → mini secret → private key → public key → SS58", arguments: vectors.keys)
    func mnemonicKeys(_ v: KeyVectors.Key) throws {
        if let entropy = v.entropy { #expect(try Mnemonic.entropy(v.mnemonic) == unhex(entropy)) }
        #expect(try Mnemonic.miniSecret(mnemonic: v.mnemonic) == unhex(v.mini_secret_seed))
        let pair = try Keypair(mnemonic: v.mnemonic)
        #expect(pair.miniSecret == unhex(v.mini_secret_seed))
        #expect(pair.secretKey == unhex(v.private_key_64))
        #expect(pair.publicKey == unhex(v.public_key))
        #expect(pair.ss58Address == v.ss58_42)
        let fromSecret = try Keypair(secretKey: unhex(v.private_key_64))
        #expect(fromSecret.publicKey == pair.publicKey)
        #expect(fromSecret.miniSecret == nil)
        let withPassphrase = try Keypair(mnemonic: v.mnemonic, passphrase: "Substrate")
        #expect(withPassphrase.miniSecret == unhex(v.with_passphrase_Substrate.mini_secret_seed))
        #expect(withPassphrase.publicKey == unhex(v.with_passphrase_Substrate.public_key))
        #expect(withPassphrase.ss58Address == v.with_passphrase_Substrate.ss58_42)
    }

    @Test("dev accounts //Alice … //Ferdie by hard derivation from the dev phrase", arguments: vectors.dev_accounts)
    func devAccounts(_ v: KeyVectors.DevAccount) throws {
        let pair = try Keypair(uri: v.uri)
        #expect(pair.secretKey == unhex(v.private_key_64))
        #expect(pair.publicKey == unhex(v.public_key))
        #expect(pair.ss58Address == v.ss58_42)
        // The same key from the explicit phrase and from the seed.
        #expect(try Keypair(uri: SecretURI.devPhrase + v.uri).publicKey == pair.publicKey)
        if let seed = v.mini_secret_seed {
            #expect(pair.miniSecret == unhex(seed))
            #expect(try Keypair(uri: seed).publicKey == pair.publicKey)
        }
    }

    @Test("SDK signatures verify; tampered ones do not", arguments: vectors.signatures)
    func sdkSignatures(_ v: KeyVectors.Signature) throws {
        let key = try Keypair(ss58Address: v.signer_ss58)
        #expect(key.publicKey == unhex(v.public_key))
        let message = v.message
        #expect(key.verify(unhex(v.signature), message: message) == v.valid)
        if let tampered = v.tampered_signature, let tamperedValid = v.tampered_valid {
            #expect(key.verify(unhex(tampered), message: message) == tamperedValid)
        }
        if let signed = v.signed_bytes_utf8 {
            #expect(key.verify(unhex(v.signature), message: Array(signed.utf8)))
        }
    }

    @Test("Swift signatures verify, carry the marker bit, and are randomised")
    func signVerify() throws {
        let pair = try Keypair(uri: "//Alice")
        let message = Array("hello sn27".utf8)
        let a = try pair.sign(message)
        let b = try pair.sign(message)
        #expect(a.count == 64 && a[63] & 0x80 != 0)
        #expect(a != b)
        #expect(pair.verify(a, message: message))
        #expect(pair.verify(b, message: message))
        #expect(!pair.verify(a, message: Array("hello sn28".utf8)))
        #expect(!(try Keypair(uri: "//Bob")).verify(a, message: message))
        var noMarker = a
        noMarker[63] &= 0x7f
        #expect(!pair.verify(noMarker, message: message))
        #expect(!pair.verify(Array(a.prefix(63)), message: message))
        // polkadot.js wraps messages in <Bytes>…</Bytes>; the SDK accepts either form.
        let wrapped = try pair.sign(Array("<Bytes>hello sn27</Bytes>".utf8))
        #expect(pair.verify(wrapped, message: message))
        #expect(try Keypair(uri: "").sign([]).count == 64)
    }

    @Test("a public key alone verifies but cannot sign")
    func publicOnly() throws {
        let pair = try Keypair(uri: "//Alice")
        let key = try Keypair(publicKey: pair.publicKey)
        #expect(key.secretKey == nil)
        #expect(key.verify(try pair.sign([1, 2, 3]), message: [1, 2, 3]))
        #expect(throws: KeyError.noSecretKey) { try key.sign([1]) }
    }

    @Test("bad key material gets a typed error")
    func badInput() {
        #expect(throws: KeyError.invalidLength(what: "mini secret", expected: 32, actual: 31)) {
            try Keypair(miniSecret: [UInt8](repeating: 1, count: 31))
        }
        #expect(throws: KeyError.invalidScalar) { try Keypair(secretKey: [UInt8](repeating: 0xff, count: 64)) }
        #expect(throws: KeyError.invalidPoint) { try Keypair(publicKey: [UInt8](repeating: 0xff, count: 32)) }
        #expect(throws: KeyError.self) { try Keypair(uri: "//Alice/soft") }
        #expect(throws: KeyError.self) { try Keypair(uri: "0x1234//Alice") }
    }
}
