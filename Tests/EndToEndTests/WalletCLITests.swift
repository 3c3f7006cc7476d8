import Foundation
import Testing
import Bittensor
import ComputeSubnetTestSupport

/// The `compute-subnet wallet` contract, run against the built binary
/// (`swift build --build-tests` builds `.build/debug/compute-subnet`).
@Suite(.serialized) struct WalletCLITests {
    static let legal = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    static let legalAddress = "5EHgWw2Af1pnoc7f1A8bfmM97W3DAYW8xr82RfhLL9oAabAe"
    static let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    static let bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"

    @Test func regenShowAndListAWallet() throws {
        let cli = try WalletCLI()
        defer { cli.cleanUp() }
        try cli.ok(["regen-coldkey", "--wallet.name", "w", "--mnemonic", Self.legal, "--no-password"])
        try cli.ok(["regen-hotkey", "--wallet.name", "w", "--wallet.hotkey", "h1", "--uri", "//Alice"])
        try cli.ok(["regen-hotkey", "--wallet.name", "w", "--wallet.hotkey", "h2",
                    "--seed", "0x398f0c28f98885e046333d4a41c19cee4c37368a9832c6502f6cfd182e2aef89"])
        #expect(cli.files() == ["w/coldkey", "w/coldkeypub.txt", "w/hotkeys/h1", "w/hotkeys/h1pub.txt",
                                "w/hotkeys/h2", "w/hotkeys/h2pub.txt"])

        let shown = try cli.json(["show", "--wallet.name", "w", "--wallet.hotkey", "h1", "--json"])
        #expect(Set(shown.keys) == ["name", "coldkey", "hotkey", "path"])
        #expect(shown["name"] as? String == "w" && shown["path"] as? String == cli.root)
        #expect(shown["coldkey"] as? String == Self.legalAddress && shown["hotkey"] as? String == Self.alice)
        let missing = try cli.json(["show", "--wallet.name", "nobody", "--json"])
        #expect(missing["coldkey"] is NSNull && missing["hotkey"] is NSNull)

        // BT_WALLET_* select the wallet when the flags are absent.
        let viaEnv = try cli.run(["show", "--json"], environment: ["BT_WALLET_PATH": cli.root, "BT_WALLET_NAME": "w", "BT_WALLET_HOTKEY": "h2"], passPath: false)
        #expect(viaEnv.status == 0 && viaEnv.stdout.contains(Self.bob))

        let listed = try cli.json(["list", "--json"])
        let wallets = try #require(listed["wallets"] as? [[String: Any]])
        #expect(wallets.count == 1 && wallets.first?["coldkey"] as? String == Self.legalAddress)
        #expect((wallets.first?["hotkeys"] as? [[String: Any]])?.compactMap { $0["hotkey"] as? String } == [Self.alice, Self.bob])
        let tree = try cli.ok(["list"])
        for text in ["w", "h1", "h2", Self.legalAddress, Self.alice, Self.bob] { #expect(tree.contains(text)) }
    }

    @Test func newKeysPrintTheirMnemonicOnce() throws {
        let cli = try WalletCLI()
        defer { cli.cleanUp() }
        let created = try cli.json(["new-coldkey", "--wallet.name", "n", "--n-words", "24", "--no-password", "--json"])
        let mnemonic = try #require(created["mnemonic"] as? String)
        #expect(mnemonic.split(separator: " ").count == 24)
        #expect(try Keypair(mnemonic: mnemonic).ss58Address == created["coldkey"] as? String)

        // Hotkeys are stored unencrypted (btcli's default) even when a password file is at hand.
        let pwFile = cli.scratch + "/pw"
        try "pw\n".write(toFile: pwFile, atomically: true, encoding: .utf8)
        let text = try cli.ok(["new-hotkey", "--wallet.name", "n", "--wallet.hotkey", "m", "--n-words", "15", "--password-file", pwFile])
        #expect(try Keyfile(path: cli.root + "/n/hotkeys/m").format() == .plain)
        let words = try #require(text.split(separator: "\n").last.map(String.init))
        #expect(words.split(separator: " ").count == 15)
        #expect(text.contains("IMPORTANT") && text.components(separatedBy: words).count == 2)
        #expect(try Keypair(mnemonic: words).ss58Address == Wallet(path: cli.root, name: "n", hotkey: "m").hotkeyAddress())
        #expect(try cli.mode("n/hotkeys/m") == 0o600 && cli.mode("n/coldkey") == 0o600)
    }

    @Test func signAndVerify() throws {
        let cli = try WalletCLI()
        defer { cli.cleanUp() }
        try cli.ok(["regen-hotkey", "--wallet.name", "w", "--wallet.hotkey", "h", "--uri", "//Alice"])
        let signature = try cli.ok(["sign", "--wallet.name", "w", "--wallet.hotkey", "h", "--message", "hello sn27"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(signature.hasPrefix("0x") && signature.count == 130 && Hex.decode(signature) != nil)
        let valid = try cli.run(["verify", "--ss58", Self.alice, "--message", "hello sn27", "--signature", signature])
        #expect(valid.status == 0 && valid.stdout == "valid\n")
        let invalid = try cli.run(["verify", "--ss58", Self.alice, "--message", "hello sn28", "--signature", signature])
        #expect(invalid.status == 1 && invalid.stdout == "invalid\n")
        let otherKey = try cli.run(["verify", "--ss58", Self.bob, "--message", "hello sn27", "--signature", signature])
        #expect(otherKey.status == 1 && otherKey.stdout == "invalid\n")
    }

    /// Four Argon2i derivations (a few seconds each): encrypt, sign with a password file,
    /// sign with the SDK's BT_PW_… variable, refuse a wrong password.
    @Test func encryptedColdkeySignsWithAPasswordFileOrTheEnvironment() throws {
        let cli = try WalletCLI()
        defer { cli.cleanUp() }
        let pwFile = cli.scratch + "/pw"
        try "correct horse 27\n".write(toFile: pwFile, atomically: true, encoding: .utf8)
        try cli.ok(["regen-coldkey", "--wallet.name", "w", "--mnemonic", Self.legal, "--password-file", pwFile])
        #expect(try Keyfile(path: cli.root + "/w/coldkey").format() == .nacl)
        #expect(try cli.json(["show", "--wallet.name", "w", "--json"])["coldkey"] as? String == Self.legalAddress)

        let signature = try cli.ok(["sign", "--wallet.name", "w", "--use-coldkey", "--password-file", pwFile, "--message", "m"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let check = try cli.run(["verify", "--ss58", Self.legalAddress, "--message", "m", "--signature", signature])
        #expect(check.stdout == "valid\n")

        let name = PasswordSource.environmentVariable(for: cli.root + "/w/coldkey")
        let viaEnv = try cli.run(["sign", "--wallet.name", "w", "--use-coldkey", "--message", "m"],
                                 environment: [name: PasswordSource.environmentValue(password: "correct horse 27", name: name)])
        #expect(viaEnv.status == 0 && viaEnv.stdout.hasPrefix("0x"))

        try "correct horse 28\n".write(toFile: pwFile, atomically: true, encoding: .utf8)
        try cli.fails(["sign", "--wallet.name", "w", "--use-coldkey", "--password-file", pwFile, "--message", "m"],
                      mentioning: "wrong password")
        // Without any password source (stdin is not a terminal) it says how to give one.
        try cli.fails(["sign", "--wallet.name", "w", "--use-coldkey", "--message", "m"], mentioning: "encrypted")
    }

    @Test func errorsPrintOneLineAndWriteNothing() throws {
        let cli = try WalletCLI()
        defer { cli.cleanUp() }
        try cli.ok(["regen-coldkey", "--wallet.name", "w", "--mnemonic", Self.legal, "--no-password"])
        try cli.ok(["regen-hotkey", "--wallet.name", "w", "--wallet.hotkey", "h", "--uri", "//Alice"])
        let before = cli.snapshot()

        try cli.fails(["regen-coldkey", "--wallet.name", "w", "--uri", "//Bob", "--no-password"], mentioning: "already exists")
        try cli.fails(["new-hotkey", "--wallet.name", "w", "--wallet.hotkey", "h"], mentioning: "already exists")
        try cli.fails(["regen-hotkey", "--wallet.name", "x", "--no-password",
                       "--mnemonic", "legal winner thank year wave sausage worth useful legal winner thank thank"],
                      mentioning: "checksum")
        try cli.fails(["regen-coldkey", "--wallet.name", "x", "--uri", "//Bob"], mentioning: "password")  // no TTY, no file
        try cli.fails(["regen-hotkey", "--wallet.name", "x", "--uri", "//Bob", "--seed", "0x00"], mentioning: "exactly one")
        try cli.fails(["new-hotkey", "--wallet.name", "x", "--n-words", "13"], mentioning: "13")
        let badChecksum = String(Self.alice.dropLast()) + "R"
        try cli.fails(["verify", "--ss58", badChecksum, "--message", "m", "--signature", "0x" + String(repeating: "00", count: 64)],
                      mentioning: "SS58")
        #expect(cli.snapshot() == before)

        // Unreadable keyfiles: corrupted JSON, ansible-vault and legacy Fernet are named as such.
        for (contents, phrase) in [("{\"secretSeed\": 12", "corrupted"), ("$ANSIBLE_VAULT;1.1;AES256\n6162", "ansible-vault"),
                                   ("gAAAAABlZ3x0Q1Rx", "Fernet")] {
            try contents.write(toFile: cli.root + "/w/hotkeys/h", atomically: true, encoding: .utf8)
            try cli.fails(["sign", "--wallet.name", "w", "--wallet.hotkey", "h", "--message", "m"], mentioning: phrase)
        }

        // --overwrite replaces both files of the key.
        try cli.ok(["regen-coldkey", "--wallet.name", "w", "--uri", "//Bob", "--no-password", "--overwrite"])
        #expect(try cli.json(["show", "--wallet.name", "w", "--json"])["coldkey"] as? String == Self.bob)
    }
}

/// Runs the built `compute-subnet wallet …` against a scratch wallets folder.
struct WalletCLI {
    let scratch: String
    var root: String { scratch + "/wallets" }
    let binary: String

    init() throws {
        binary = TestRepository.binary.path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build it first: swift build --build-tests")
        scratch = FileManager.default.temporaryDirectory.path + "/wallet-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: scratch) }

    typealias Result = CommandRunner.Result

    /// `compute-subnet wallet <arguments> --wallet.path <root>`, stdin not a terminal, no BT_* variables but `environment`.
    func run(_ arguments: [String], environment: [String: String] = [:], passPath: Bool = true) throws -> Result {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BT_") }
        env.merge(environment) { $1 }
        return try CommandRunner.run(binary, ["wallet"] + arguments + (passPath ? ["--wallet.path", root] : []), environment: env)
    }

    /// Runs and requires success; returns stdout.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout
    }

    /// Runs with `--json` output parsed.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let stdout = try ok(arguments, sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], sourceLocation: sourceLocation)
    }

    /// Requires a non-zero exit with exactly one stderr line containing `phrase`, and no stdout.
    func fails(_ arguments: [String], mentioning phrase: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run(arguments)
        #expect(result.status != 0, "\(arguments) succeeded", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(arguments) printed \(result.stdout)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(arguments) stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.localizedCaseInsensitiveContains(phrase), "\(arguments) stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }

    /// Every file under the wallets folder, relative, sorted.
    func files() -> [String] { snapshot().keys.sorted() }

    /// Path → contents of every file under the wallets folder.
    func snapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        for case let relative as String in FileManager.default.enumerator(atPath: root)?.allObjects ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDir), !isDir.boolValue {
                out[relative] = FileManager.default.contents(atPath: root + "/" + relative)
            }
        }
        return out
    }

    func mode(_ relative: String) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: root + "/" + relative)
        return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
