import Foundation
import Testing
import ComputeSubnetTestSupport

/// The `compute-subnet tlock` contract, run against the built binary: round trips through real
/// pipes, one-line failures with nothing on stdout, drand quicknet's published round 1000 and
/// bittensor-drand (the Python SDK's `decrypt_with_signature`) opening the CLI's ciphertexts.
@Suite(.serialized) struct TlockCLITests {
    /// drand quicknet's published signature of round 1000.
    static let quicknetRound1000 =
        "b44679b9a59af2ec876b1a6b1ad52ea9b1615fc3982b19576350f93447cb1125e342b73a8dd2bacbe47e4b6b63ed5e39"
    /// The raw ciphertext's overhead over its plaintext (bittensor-drand's layout).
    static let overhead = 244

    /// A local beacon: a random secret key below r, and its public key and signatures from the CLI.
    struct Beacon {
        let secretKey: String
        let publicKey: String
        init(_ cli: TlockCLI) throws {
            var bytes = (0..<32).map { _ in UInt8.random(in: 0...255) }
            bytes[0] &= 0x3f  // < r (0x73ed…)
            bytes[31] |= 1    // ≠ 0
            secretKey = "0x" + hex(bytes)
            publicKey = try cli.ok(["public-key", "--beacon.secret-key", secretKey]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func sign(_ cli: TlockCLI, round: UInt64) throws -> String {
            try cli.ok(["sign", "--beacon.secret-key", secretKey, "--round", String(round)]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test func encryptPipesIntoDecryptWithALocalBeacon() throws {
        let cli = try TlockCLI()
        let beacon = try Beacon(cli)
        #expect(beacon.publicKey.count == 192 && beacon.publicKey == beacon.publicKey.lowercased())
        let signature = try beacon.sign(cli, round: 42)
        #expect(signature.count == 96)

        // Binary plaintext with a NUL and trailing newline comes back byte for byte.
        let plaintext = Data([0, 1, 2, 0xff, 0x0a]) + Data("commit-reveal v4 weights\n".utf8)
        let encrypt = ["encrypt", "--round", "42", "--beacon.public-key", beacon.publicKey]
        let first = try cli.ok(encrypt, stdin: plaintext)
        #expect(first.hasSuffix("\n") && first.dropLast().allSatisfy { "0123456789abcdef".contains($0) })
        #expect(first.count == 2 * (plaintext.count + Self.overhead) + 1)
        let second = try cli.ok(encrypt, stdin: plaintext)
        #expect(first != second, "two encryptions of the same plaintext must differ (fresh randomness)")

        for ciphertext in [first, second] {
            let opened = try cli.run(["decrypt", "--signature", signature], stdin: Data(ciphertext.utf8))
            #expect(opened.status == 0 && opened.stderr.isEmpty, "\(opened.stderr)")
            #expect(opened.stdout == plaintext)
        }
        // A real shell pipe: `tlock encrypt < file | tlock decrypt`.
        let folder = try TemporaryDirectory(prefix: "tlock-cli")
        defer { folder.remove() }
        try plaintext.write(to: folder.url.appendingPathComponent("plain"))
        let piped = try CommandRunner.run("/bin/sh", [
            "-c", #""$0" tlock encrypt --round 42 --beacon.public-key "$1" < "$3" | "$0" tlock decrypt --signature "$2""#,
            cli.binary, beacon.publicKey, signature, folder.path + "/plain"])
        #expect(piped.status == 0 && piped.stdout == String(decoding: plaintext, as: UTF8.self), "\(piped.stderr)")

        // Empty plaintext and the 0x form of the signature work too.
        let empty = try cli.ok(encrypt, stdin: Data())
        #expect(try cli.run(["decrypt", "--signature", "0x" + signature], stdin: Data(empty.utf8)).stdout.isEmpty)
    }

    @Test func secretKeyFileMustBePrivate() throws {
        let cli = try TlockCLI()
        let beacon = try Beacon(cli)
        let folder = try TemporaryDirectory(prefix: "tlock-cli")
        defer { folder.remove() }
        let file = folder.path + "/beacon.key"
        try (beacon.secretKey + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(try cli.ok(["public-key", "--beacon.secret-key-file", file]) == beacon.publicKey + "\n")
        #expect(try cli.ok(["sign", "--beacon.secret-key-file", file, "--round", "7"]) == (try beacon.sign(cli, round: 7)) + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        try cli.fails(["public-key", "--beacon.secret-key-file", file], mentioning: "chmod 600")
        try cli.fails(["public-key", "--beacon.secret-key-file", folder.path + "/missing"], mentioning: "secret key file")
        try cli.fails(["public-key", "--beacon.secret-key", beacon.secretKey, "--beacon.secret-key-file", file], mentioning: "not both")
        try cli.fails(["public-key"], mentioning: "--beacon.secret-key")
    }

    @Test func anotherRoundsSignatureFailsCleanly() throws {
        let cli = try TlockCLI()
        let beacon = try Beacon(cli)
        let ciphertext = try cli.ok(["encrypt", "--round", "100", "--beacon.public-key", beacon.publicKey], stdin: Data("secret".utf8))
        try cli.fails(["decrypt", "--signature", try beacon.sign(cli, round: 101)], stdin: Data(ciphertext.utf8), mentioning: "decryption failed")
        // The right round of another beacon fails the same way.
        let other = try Beacon(cli)
        try cli.fails(["decrypt", "--signature", try other.sign(cli, round: 100)], stdin: Data(ciphertext.utf8), mentioning: "decryption failed")
    }

    @Test func malformedTruncatedTamperedAndOversizedInputsFailCleanly() throws {
        let cli = try TlockCLI()
        let beacon = try Beacon(cli)
        let signature = try beacon.sign(cli, round: 5)
        let good = try cli.ok(["encrypt", "--round", "5", "--beacon.public-key", beacon.publicKey], stdin: Data("payload".utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let decrypt = ["decrypt", "--signature", signature]

        try cli.fails(decrypt, stdin: Data(("zz" + good).utf8), mentioning: "not hex")
        try cli.fails(decrypt, stdin: Data((good + "0").utf8), mentioning: "not hex")
        try cli.fails(decrypt, stdin: Data(), mentioning: "no ciphertext")
        try cli.fails(decrypt, stdin: Data("  \n".utf8), mentioning: "no ciphertext")
        try cli.fails(decrypt, stdin: Data(good.prefix(good.count / 4 * 2).utf8), mentioning: "malformed")
        try cli.fails(decrypt, stdin: Data(good.dropLast(2).utf8), mentioning: "malformed")
        try cli.fails(decrypt, stdin: Data((good + "00").utf8), mentioning: "malformed")
        // V (bytes 104…135) and the AES-GCM body (from byte 192) altered.
        try cli.fails(decrypt, stdin: Data(flip(good, byte: 110).utf8), mentioning: "decryption failed")
        try cli.fails(decrypt, stdin: Data(flip(good, byte: 193).utf8), mentioning: "decryption failed")
        // Oversized stdin on both sides.
        try cli.fails(decrypt, stdin: Data(repeating: UInt8(ascii: "0"), count: 3 << 20), mentioning: "limit")
        try cli.fails(["encrypt", "--round", "5"], stdin: Data(count: (1 << 20) + 1), mentioning: "limit")
        // Bad signatures, keys and rounds.
        try cli.fails(["decrypt", "--signature", "1234"], stdin: Data(good.utf8), mentioning: "expected 48")
        try cli.fails(["decrypt", "--signature", String(repeating: "ab", count: 48)], stdin: Data(good.utf8), mentioning: "--signature")
        try cli.fails(["encrypt", "--round", "5", "--beacon.public-key", "00"], stdin: Data("x".utf8), mentioning: "expected 96")
        try cli.fails(["encrypt", "--round", "5", "--beacon.public-key", String(repeating: "aa", count: 96)], stdin: Data("x".utf8),
                      mentioning: "--beacon.public-key")
        try cli.fails(["encrypt", "--round", "0"], stdin: Data("x".utf8), mentioning: "round")
        try cli.fails(["sign", "--beacon.secret-key", "0x" + String(repeating: "0", count: 64), "--round", "1"], mentioning: "secret key")
        try cli.fails(["sign", "--beacon.secret-key", "0x" + String(repeating: "f", count: 64), "--round", "1"], mentioning: "secret key")
        try cli.fails(["sign", "--beacon.secret-key", "0x1234", "--round", "1"], mentioning: "expected 32")
    }

    @Test func theLargestPlaintextRoundTrips() throws {
        let cli = try TlockCLI()
        let beacon = try Beacon(cli)
        let plaintext = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let ciphertext = try cli.ok(["encrypt", "--round", "9", "--beacon.public-key", beacon.publicKey], stdin: plaintext)
        let opened = try cli.run(["decrypt", "--signature", try beacon.sign(cli, round: 9)], stdin: Data(ciphertext.utf8))
        #expect(opened.status == 0 && opened.stdout == plaintext, "\(opened.stderr)")
    }

    @Test func quicknetsPublishedRound1000SignatureOpensTheDefaultKeysCiphertext() throws {
        let cli = try TlockCLI()
        let ciphertext = try cli.ok(["encrypt", "--round", "1000"], stdin: Data("reveal at round 1000".utf8))
        let opened = try cli.run(["decrypt", "--signature", Self.quicknetRound1000], stdin: Data(ciphertext.utf8))
        #expect(opened.status == 0 && opened.text == "reveal at round 1000", "\(opened.stderr)")
        let early = try cli.ok(["encrypt", "--round", "1001"], stdin: Data("not yet".utf8))
        try cli.fails(["decrypt", "--signature", Self.quicknetRound1000], stdin: Data(early.utf8), mentioning: "decryption failed")
    }

    @Test func bittensorDrandDecryptsTheCLIsCiphertexts() throws {
        let cli = try TlockCLI()
        let script = TestRepository.root.appendingPathComponent("Tests/TimelockTests/interop/drand_decrypt.py").path
        let plaintext = Data("{\"uids\":[0,1,2],\"weights\":[10,20,30]}".utf8)

        let quicknet = try cli.ok(["encrypt", "--round", "1000"], stdin: plaintext).trimmingCharacters(in: .whitespacesAndNewlines)
        let beacon = try Beacon(cli)
        let local = try cli.ok(["encrypt", "--round", "77", "--beacon.public-key", beacon.publicKey], stdin: plaintext)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for (ciphertext, round, signature) in [(quicknet, "1000", Self.quicknetRound1000), (local, "77", try beacon.sign(cli, round: 77))] {
            let result = try CommandRunner.run(TestRepository.interopPython, [script, ciphertext, round, signature])
            try #require(result.status == 0, "drand_decrypt.py (\(TestRepository.interopPython); run interop/setup.sh): \(result.stderr)")
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == hex(Array(plaintext)))
        }
    }

    /// `text` (hex) with one bit of byte `byte` flipped.
    private func flip(_ text: String, byte: Int) -> String {
        var digits = Array(text.utf8)
        let i = 2 * byte + 1
        let value = Int(String(UnicodeScalar(digits[i])), radix: 16)! ^ 1
        digits[i] = Array(String(value, radix: 16).utf8)[0]
        return String(decoding: digits, as: UTF8.self)
    }
}

/// Lower-case hex of `bytes`.
private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
