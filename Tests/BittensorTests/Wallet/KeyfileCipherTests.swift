import Foundation
import Testing
@testable import Bittensor

/// `$NACL` keyfile encryption. Each Argon2i derivation costs seconds and 512 MiB, so the suite
/// derives the key for the test password once and reuses it.
@Suite(.serialized) struct KeyfileCipherTests {
    static let password = "sn27 wallet test"
    static let derivedKey = KeyfileCipher.deriveKey(password: password)

    /// Written by bittensor-wallet 4.x `encrypt_keyfile_data(…, "sn27 wallet test")`.
    static let sdkBlob = Hex.decode(
        "244e41434c2b4fcb5998b4a8b3034ea5c62880574f174fa3ac8ddda8abc2d2bc0bf0f6a4b2a268d20e32f70e06a68e70"
            + "ba7234e82bb4f3978f466b76ced333f1b951204e753a6d908a751fbda4343077bc67768d5f91a07eaa49bdeb0707a0"
            + "2eabb89ed3f7e2f3eb95f01d3ecab55f")!
    static let sdkPlaintext = #"{"ss58Address":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"}"#

    @Test func opensWhatTheSDKEncrypted() throws {
        let plain = try KeyfileCipher.open(Self.sdkBlob, key: Self.derivedKey, path: "sdk")
        #expect(String(decoding: plain, as: UTF8.self) == Self.sdkPlaintext)
        #expect(KeyfileFormat(of: Self.sdkBlob) == .nacl)
    }

    @Test func sealedDataHasTheSDKLayoutAndRoundTrips() throws {
        let plain = Array(#"{"a":"b"}"#.utf8)
        let sealed = KeyfileCipher.seal(plain, key: Self.derivedKey)
        #expect(sealed.starts(with: Array("$NACL".utf8)))
        #expect(sealed.count == 5 + 24 + 16 + plain.count)
        #expect(try KeyfileCipher.open(sealed, key: Self.derivedKey, path: "x") == plain)
        // A fresh nonce each time: the same plaintext never seals to the same bytes.
        #expect(KeyfileCipher.seal(plain, key: Self.derivedKey) != sealed)
    }

    @Test func wrongPasswordIsATypedError() {
        #expect(throws: KeyfileError.wrongPassword(path: "sdk")) {
            try KeyfileCipher.decrypt(Self.sdkBlob, password: "not the password", path: "sdk")
        }
    }

    @Test(arguments: [5, 29, 40, 80])
    func everyFlippedByteIsRejected(position: Int) {
        var tampered = Self.sdkBlob
        tampered[position] ^= 0x01
        #expect(throws: KeyfileError.wrongPassword(path: "sdk")) {
            try KeyfileCipher.open(tampered, key: Self.derivedKey, path: "sdk")
        }
    }

    @Test func truncatedDataIsCorruptedNotWrongPassword() {
        let short = Array(Self.sdkBlob.prefix(30))
        #expect(throws: KeyfileError.corrupted(path: "p", reason: "$NACL data too short (30 bytes)")) {
            try KeyfileCipher.open(short, key: Self.derivedKey, path: "p")
        }
    }

    @Test func formatsAreRecognisedFromTheirPrefix() {
        #expect(KeyfileFormat(of: Array("$ANSIBLE_VAULT;1.1;AES256\n6162".utf8)) == .ansibleVault)
        #expect(KeyfileFormat(of: Array("gAAAAABlZ3x0".utf8)) == .legacyFernet)
        #expect(KeyfileFormat(of: Array(#"{"ss58Address":"5G"}"#.utf8)) == .plain)
        #expect(!KeyfileFormat.plain.isEncrypted && KeyfileFormat.nacl.isEncrypted)
    }
}
