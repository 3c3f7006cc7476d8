import Bittensor
import ComputeSubnetTestSupport
import Foundation
import Testing

/// sr25519 against the real Python SDK (`bittensor_wallet.Keypair`, schnorrkel) through
/// `interop/keys.py`: signatures cross in both directions and derivations agree.
@Suite(.serialized) struct KeysInteropTests {
    @Test func swiftSignaturesVerifyInThePythonSDK() throws {
        let pair = try Keypair(mnemonic: Mnemonic.generate(words: 12))
        for message in ["hello sn27", "ünïcødé ✓ 27", "0x1234 is text here"] {
            let signature = try pair.sign(Array(message.utf8))
            let verdict = try Self.keysPy(["verify", "--ss58", pair.ss58Address, "--message", message,
                                           "--signature", Hex.encode(signature, prefix: true)])
            #expect(verdict == ProcessResult(status: 0, stdout: "true"), "SDK rejected a Swift signature over \(message)")
        }
        // Binary message, and a tampered signature the SDK must refuse.
        let bytes: [UInt8] = [0, 1, 2, 0xff, 0x80, 0x7f]
        var signature = try pair.sign(bytes)
        #expect(try Self.keysPy(["verify", "--ss58", pair.ss58Address, "--hex", "--message", Hex.encode(bytes, prefix: true),
                                 "--signature", Hex.encode(signature, prefix: true)]).stdout == "true")
        signature[5] ^= 1
        #expect(try Self.keysPy(["verify", "--ss58", pair.ss58Address, "--hex", "--message", Hex.encode(bytes, prefix: true),
                                 "--signature", Hex.encode(signature, prefix: true)]) == ProcessResult(status: 1, stdout: "false"))
    }

    @Test func pythonSDKSignaturesVerifyInSwift() throws {
        let mnemonic = Mnemonic.generate(words: 15)
        let pair = try Keypair(mnemonic: mnemonic)
        let message = "signed by the SDK \(UUID().uuidString)"
        let result = try Self.keysPy(["sign", "--mnemonic", mnemonic, "--message", message])
        #expect(result.status == 0)
        let signature = try #require(Hex.decode(result.stdout))
        #expect(signature.count == 64 && signature[63] & 0x80 != 0)
        let verifier = try Keypair(ss58Address: pair.ss58Address)
        #expect(verifier.verify(signature, message: Array(message.utf8)))
        #expect(!verifier.verify(signature, message: Array((message + ".").utf8)))
        #expect(!(try Keypair(uri: "//Alice")).verify(signature, message: Array(message.utf8)))
    }

    @Test(arguments: [12, 18, 24])
    func randomMnemonicsDeriveTheSameKeys(words: Int) throws {
        let mnemonic = Mnemonic.generate(words: words)
        let pair = try Keypair(mnemonic: mnemonic)
        let derived = try Self.keysPy(["derive", "--mnemonic", mnemonic])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(derived.stdout.utf8)) as? [String: String])
        #expect(json["ss58"] == pair.ss58Address)
        #expect(json["public_key"] == Hex.encode(pair.publicKey, prefix: true))
        #expect(json["mini_secret"] == Hex.encode(pair.miniSecret ?? [], prefix: true))
    }

    @Test func randomSeedsDeriveTheSameKeys() throws {
        var seed = [UInt8](repeating: 0, count: 32)
        for i in seed.indices { seed[i] = UInt8.random(in: 0...255) }
        let pair = try Keypair(miniSecret: seed)
        let derived = try Self.keysPy(["derive", "--seed", Hex.encode(seed, prefix: true)])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(derived.stdout.utf8)) as? [String: String])
        #expect(json["ss58"] == pair.ss58Address)
        #expect(json["public_key"] == Hex.encode(pair.publicKey, prefix: true))
    }

    // MARK: - Running keys.py

    struct ProcessResult: Equatable {
        var status: Int32
        var stdout: String
    }

    static var interopDirectory: String { TestRepository.interopDirectory.path }

    static var python: String { TestRepository.interopPython }

    /// Runs `keys.py` with `arguments`; stdout trimmed. Usage errors (exit 2) fail the test.
    static func keysPy(_ arguments: [String]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [interopDirectory + "/keys.py"] + arguments
        let out = Pipe()
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("keys-interop-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus != 2, "keys.py usage error: \(stderr)")
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
