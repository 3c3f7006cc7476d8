import Foundation
import Testing
import Bittensor
import ComputeSubnetTestSupport

/// Wallets written by Swift are read by the Python SDK (bittensor-wallet, via
/// `interop/wallet.py`) with the same addresses, and the other way round, plain and `$NACL`.
@Suite(.serialized) struct WalletInteropTests {
    static let cold = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    static let coldAddress = "5EHgWw2Af1pnoc7f1A8bfmM97W3DAYW8xr82RfhLL9oAabAe"
    static let hot = "letter advice cage absurd amount doctor acoustic avoid letter advice cage above"
    static let hotAddress = "5EtaiguVmKZ9Vewv7HkS86hWTS8Lf4twTSADg29PH5rM5Wng"
    static let password = "correct horse 27"

    @Test func theSDKReadsAPlainSwiftWallet() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let wallet = Wallet(path: root, name: "w", hotkey: "h")
        try wallet.regenerateColdkey(from: .mnemonic(Self.cold), password: nil)
        try wallet.regenerateHotkey(from: .uri("//Alice"))
        let shown = try Self.walletPy(["show", "--path", root, "--name", "w", "--hotkey", "h"])
        #expect(shown["coldkeypub_ss58"] as? String == Self.coldAddress)
        #expect(shown["hotkey_ss58"] as? String == "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
        #expect(shown["coldkey_encrypted"] as? Bool == false)
    }

    @Test func theSDKDecryptsASwiftNaclColdkey() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let wallet = Wallet(path: root, name: "w", hotkey: "h")
        try wallet.regenerateColdkey(from: .mnemonic(Self.cold), password: Self.password)
        try wallet.regenerateHotkey(from: .mnemonic(Self.hot))
        let shown = try Self.walletPy(["show", "--path", root, "--name", "w", "--hotkey", "h", "--password", Self.password])
        #expect(shown["coldkey_encrypted"] as? Bool == true)
        #expect(shown["coldkey_ss58"] as? String == Self.coldAddress)
        #expect(shown["coldkeypub_ss58"] as? String == Self.coldAddress)
        #expect(shown["hotkey_ss58"] as? String == Self.hotAddress)
    }

    @Test func swiftReadsAnSDKWalletWithANaclColdkey() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let created = try Self.walletPy(["create", "--path", root, "--name", "w", "--hotkey", "h",
                                         "--cold-mnemonic", Self.cold, "--hot-mnemonic", Self.hot,
                                         "--password", Self.password])
        #expect(created["coldkey_encrypted"] as? Bool == true)
        let wallet = Wallet(path: root, name: "w", hotkey: "h")
        #expect(try wallet.coldkeyFile.format() == .nacl)
        #expect(try wallet.coldkeyPublic().ss58Address == Self.coldAddress)
        #expect(try wallet.hotkey().ss58Address == Self.hotAddress)
        #expect(try wallet.hotkeyAddress() == Self.hotAddress)
        // The SDK's own BT_PW_… variable for this file, as `save_password_to_env` would set it.
        let name = PasswordSource.environmentVariable(for: wallet.coldkeyFile.path)
        let env = [name: PasswordSource.environmentValue(password: Self.password, name: name)]
        let coldkey = try wallet.coldkeyFile.data(password: .environment(env, prompt: false))
        #expect(coldkey.secretPhrase == Self.cold)
        #expect(try coldkey.keypair(path: wallet.coldkeyFile.path).ss58Address == Self.coldAddress)
    }

    // MARK: - Running the Python peer

    static var interopDirectory: String { TestRepository.interopDirectory.path }

    static var python: String { TestRepository.interopPython }

    static func temporaryDirectory() throws -> String { try TemporaryDirectory.create(prefix: "wallet-interop") }

    /// Runs `wallet.py` and parses its one JSON line; records the stderr on failure.
    static func walletPy(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [interopDirectory + "/wallet.py"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "wallet.py failed: \(String(decoding: stderr, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any])
    }
}
