import ComputeSubnetTestSupport
import Foundation
import Testing
@testable import Bittensor

@Suite(.serialized) struct WalletTests {
    static let legal = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    static let legalAddress = "5EHgWw2Af1pnoc7f1A8bfmM97W3DAYW8xr82RfhLL9oAabAe"
    static let letter = "letter advice cage absurd amount doctor acoustic avoid letter advice cage above"
    static let letterAddress = "5EtaiguVmKZ9Vewv7HkS86hWTS8Lf4twTSADg29PH5rM5Wng"
    static let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    static let bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"

    @Test func writesTheBtcliLayout() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let wallet = Wallet(path: dir.path + "/wallets/", name: "w", hotkey: "h")
        try wallet.regenerateColdkey(from: .mnemonic("  legal winner thank year wave sausage worth useful legal winner thank\n yellow "), password: nil)
        try wallet.regenerateHotkey(from: .uri("//Alice"))
        #expect(dir.files() == ["wallets/w/coldkey", "wallets/w/coldkeypub.txt", "wallets/w/hotkeys/h", "wallets/w/hotkeys/hpub.txt"])
        for file in dir.files() { #expect(try dir.mode(file) == 0o600, "\(file)") }
        for folder in ["wallets", "wallets/w", "wallets/w/hotkeys"] { #expect(try dir.mode(folder) == 0o700, "\(folder)") }

        let pub = try JSONSerialization.jsonObject(with: Data(wallet.coldkeyPubFile.bytes())) as? [String: Any]
        #expect(Set(pub?.keys ?? [:].keys) == ["accountId", "ss58Address", "publicKey", "cryptoType"])
        #expect(pub?["cryptoType"] as? Int == 1)
        #expect(try wallet.coldkeyPublic().ss58Address == Self.legalAddress)
        #expect(try wallet.coldkeyPublic().secretKey == nil)
        #expect(try wallet.coldkey(password: .none).ss58Address == Self.legalAddress)
        #expect(try wallet.coldkeyFile.data(password: .none).secretPhrase == Self.legal)  // normalised spacing
        let hot = try wallet.hotkey()
        #expect(hot.ss58Address == Self.alice)
        #expect(hot.verify(try hot.sign(Array("m".utf8)), message: Array("m".utf8)))
        #expect(try wallet.hotkeyAddress() == Self.alice)
    }

    @Test func seedSourceGivesTheSameKeyAsTheSDK() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let seed = Hex.decode("0x398f0c28f98885e046333d4a41c19cee4c37368a9832c6502f6cfd182e2aef89")!
        let wallet = Wallet(path: dir.path, name: "s", hotkey: "bob")
        #expect(try wallet.regenerateHotkey(from: .seed(seed)).ss58Address == Self.bob)
        #expect(try wallet.hotkeyFile.data(password: .none).secretSeed == Hex.encode(seed, prefix: true))
    }

    @Test func existingKeysAreKeptWithoutOverwrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let wallet = Wallet(path: dir.path, name: "w", hotkey: "h")
        try wallet.regenerateHotkey(from: .mnemonic(Self.letter))
        // Only the pub file is missing: still refused, and it is not created.
        try FileManager.default.removeItem(atPath: wallet.hotkeyPubFile.path)
        let before = try wallet.hotkeyFile.bytes()
        #expect(throws: KeyfileError.alreadyExists(path: wallet.hotkeyFile.path)) {
            try wallet.regenerateHotkey(from: .uri("//Bob"))
        }
        #expect(try wallet.hotkeyFile.bytes() == before && !wallet.hotkeyPubFile.exists)
        #expect(try wallet.regenerateHotkey(from: .uri("//Bob"), overwrite: true).ss58Address == Self.bob)
        #expect(try wallet.hotkeyAddress() == Self.bob)
    }

    @Test func invalidSourcesWriteNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let wallet = Wallet(path: dir.path, name: "w", hotkey: "h")
        let badChecksum = "legal winner thank year wave sausage worth useful legal winner thank thank"
        for source: Wallet.KeySource in [.mnemonic(badChecksum), .mnemonic("not a mnemonic"), .seed([1, 2, 3]), .uri("Alice")] {
            let error = #expect(throws: KeyfileError.self) { try wallet.regenerateColdkey(from: source, password: nil) }
            guard case .invalidKey? = error else { Issue.record("\(source): \(String(describing: error))"); continue }
        }
        #expect(dir.files().isEmpty)
        #expect(throws: KeyfileError.invalidName("../x")) {
            try Wallet(path: dir.path, name: "../x").regenerateColdkey(from: .uri("//Alice"), password: nil)
        }
        #expect(throws: KeyfileError.invalidWordCount(13)) { try wallet.createColdkey(words: 13, password: nil) }
        #expect(dir.files().isEmpty)
    }

    @Test(arguments: [12, 24])
    func newKeysComeWithTheirMnemonic(words: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let wallet = Wallet(path: dir.path, name: "n", hotkey: "h")
        let (pair, mnemonic) = try wallet.createHotkey(words: words)
        #expect(mnemonic.split(separator: " ").count == words)
        #expect(try Keypair(mnemonic: mnemonic) == pair)
        #expect(try wallet.hotkey() == pair)
    }

    @Test func listingReadsPublicFilesOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = Wallet(path: dir.path, name: "alice", hotkey: "m1")
        try a.regenerateColdkey(from: .mnemonic(Self.legal), password: nil)
        try a.regenerateHotkey(from: .uri("//Alice"))
        try Wallet(path: dir.path, name: "alice", hotkey: "m2").regenerateHotkey(from: .uri("//Bob"))
        try Wallet(path: dir.path, name: "empty").ensureColdkeyWritable(overwrite: false)
        try FileManager.default.createDirectory(atPath: dir.path + "/not-a-wallet", withIntermediateDirectories: true)
        let listing = WalletListing.scan(path: dir.path)
        #expect(listing == [WalletListing(name: "alice", coldkey: Self.legalAddress, hotkeys: [
            .init(name: "m1", ss58Address: Self.alice), .init(name: "m2", ss58Address: Self.bob),
        ])])
        #expect(WalletListing.scan(path: dir.path + "/missing").isEmpty)
    }
}
