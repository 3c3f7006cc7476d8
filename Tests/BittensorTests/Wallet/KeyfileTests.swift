import ComputeSubnetTestSupport
import Foundation
import Testing
@testable import Bittensor

@Suite(.serialized) struct KeyfileTests {
    static let legal = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    static let legalAddress = "5EHgWw2Af1pnoc7f1A8bfmM97W3DAYW8xr82RfhLL9oAabAe"
    static let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    static let aliceSeed = "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"
    /// The `privateKey` bittensor-wallet writes for //Alice.
    static let alicePrivate = "0x33a6f3093f158a7109f679410bef1a0c54168145e0cecb4df006c1c2fffb1f09"
        + "925a225d97aa00682d6a59b95b18780c10d7032336e88f3442b42361f4a66011"

    /// A coldkey file exactly as bittensor-wallet 4.x writes it (`regenerate_coldkey`, no password).
    static let sdkColdkey = #"{"publicKey":"0x625e25364c7b68e0a83065ccb40afed43f8fe933e669b24f3d69a57eddb3b715","privateKey":"0xad8a44476e667ef8eab356d1d6f09303f21ba1ac44a3f8b96210bdd603d1900bb25d15f130020fffc3261f584f84168e7a6f0009f6c3abb2f3fa460f493b0595","accountId":"0x625e25364c7b68e0a83065ccb40afed43f8fe933e669b24f3d69a57eddb3b715","cryptoType":1,"ss58Address":"5EHgWw2Af1pnoc7f1A8bfmM97W3DAYW8xr82RfhLL9oAabAe","secretPhrase":"legal winner thank year wave sausage worth useful legal winner thank yellow","secretSeed":"0x6fa2796b0071cac425d8a7851038318c2c37dcebfe4bae73197ce93e75909bd2"}"#

    @Test func readsWhatTheSDKWrote() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.sdkColdkey.write(toFile: dir.path + "/coldkey", atomically: true, encoding: .utf8)
        let pair = try Keyfile(path: dir.path + "/coldkey").keypair()
        #expect(pair.ss58Address == Self.legalAddress)
        #expect(pair.secretKey.map { Hex.encode($0, prefix: true) }
            == "0xad8a44476e667ef8eab356d1d6f09303f21ba1ac44a3f8b96210bdd603d1900bb25d15f130020fffc3261f584f84168e7a6f0009f6c3abb2f3fa460f493b0595")
    }

    @Test func writesTheSDKFieldsWithMode0600() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pair = try Keypair(mnemonic: Self.legal)
        let file = Keyfile(path: dir.path + "/a/b/coldkey")
        try file.write(KeyfileData(keypair: pair, mnemonic: Self.legal))
        #expect(try dir.mode("a/b/coldkey") == 0o600)
        #expect(try dir.mode("a") == 0o700)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes())) as? [String: Any])
        #expect(Set(object.keys) == ["secretSeed", "secretPhrase", "ss58Address", "cryptoType", "publicKey", "privateKey", "accountId"])
        // Same values as the SDK's file for this mnemonic.
        let sdk = try #require(try JSONSerialization.jsonObject(with: Data(Self.sdkColdkey.utf8)) as? [String: Any])
        for key in object.keys { #expect("\(object[key]!)" == "\(sdk[key]!)", "field \(key)") }
        #expect(try file.keypair().ss58Address == Self.legalAddress)
        #expect(dir.files() == ["a/b/coldkey"])  // no temporary file left behind
    }

    @Test func loadingPrefersPhraseThenSeedThenPrivateKeyThenAddress() throws {
        let legalSeed = "0x6fa2796b0071cac425d8a7851038318c2c37dcebfe4bae73197ce93e75909bd2"
        func load(_ data: KeyfileData) throws -> Keypair { try data.keypair(path: "t") }
        var data = try KeyfileData(json: Array(#"{"ss58Address":"\#(Self.alice)"}"#.utf8), path: "t")
        let publicOnly = try load(data)
        #expect(publicOnly.ss58Address == Self.alice && publicOnly.secretKey == nil)
        data.privateKey = Self.alicePrivate
        data.ss58Address = Self.legalAddress  // ignored once a secret is present
        #expect(try load(data).ss58Address == Self.alice)
        data.secretSeed = legalSeed
        #expect(try load(data).ss58Address == Self.legalAddress)
        data.secretSeed = Self.aliceSeed
        data.secretPhrase = Self.legal
        #expect(try load(data).ss58Address == Self.legalAddress)
    }

    @Test func refusesToReplaceAFileWithoutOverwrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = Keyfile(path: dir.path + "/hot")
        try file.write(KeyfileData(keypair: try Keypair(uri: "//Alice")))
        let before = try file.bytes()
        #expect(throws: KeyfileError.alreadyExists(path: file.path)) {
            try file.write(KeyfileData(keypair: try Keypair(mnemonic: Self.legal)))
        }
        #expect(try file.bytes() == before)
        try file.write(KeyfileData(keypair: try Keypair(mnemonic: Self.legal)), overwrite: true)
        #expect(try file.keypair().ss58Address == Self.legalAddress)
    }

    @Test(arguments: [
        ("$ANSIBLE_VAULT;1.1;AES256\n3533343961623838", "ansible"),
        ("gAAAAABlZ3x0Q1RxYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5", "fernet"),
        ("{\"secretSeed\": \"0x12", "json"),
        ("{\"secretSeed\":\"0xzz\"}", "hex"),
        ("{}", "empty"),
    ])
    func unreadableFilesGiveTypedErrors(contents: String, kind: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/coldkey"
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: KeyfileError.self) { try Keyfile(path: path).keypair(password: .literal("x")) }
        switch (kind, error) {
        case ("ansible", .ansibleVault(path)?), ("fernet", .legacyFernet(path)?): break
        case ("json", .corrupted(path, _)?), ("hex", .corrupted(path, _)?), ("empty", .corrupted(path, _)?): break
        default: Issue.record("\(kind): unexpected \(String(describing: error))")
        }
        #expect(error?.description.contains(path) == true)
        if kind == "ansible" { #expect(error?.description.contains("ansible-vault") == true) }
        if kind == "fernet" { #expect(error?.description.contains("Fernet") == true) }
    }

    @Test func missingFileIsNotFound() {
        #expect(throws: KeyfileError.notFound(path: "/nonexistent/coldkey")) {
            try Keyfile(path: "/nonexistent/coldkey").keypair()
        }
    }

    /// Three Argon2i derivations (≈2 s each): write encrypted, read via the SDK's BT_PW
    /// variable, fail with a wrong password.
    @Test func encryptedKeyfileRoundTripsAndRejectsAWrongPassword() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = Keyfile(path: dir.path + "/w/coldkey")
        try file.write(KeyfileData(keypair: try Keypair(mnemonic: Self.legal), mnemonic: Self.legal), password: "correct horse 27")
        #expect(try file.format() == .nacl)
        #expect(try dir.mode("w/coldkey") == 0o600)
        #expect(throws: KeyfileError.passwordRequired(path: file.path)) { try file.keypair() }

        let name = PasswordSource.environmentVariable(for: file.path)
        let env = [name: PasswordSource.environmentValue(password: "correct horse 27", name: name)]
        let data = try file.data(password: .environment(env, prompt: false))
        #expect(data.secretPhrase == Self.legal)
        #expect(try data.keypair(path: file.path).ss58Address == Self.legalAddress)

        #expect(throws: KeyfileError.wrongPassword(path: file.path)) {
            try file.keypair(password: .literal("correct horse 28"))
        }
    }
}
