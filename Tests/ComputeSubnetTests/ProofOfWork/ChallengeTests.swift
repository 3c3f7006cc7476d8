import Foundation
import Testing
@testable import ComputeSubnet

/// Runs `python3` with a script on stdin and returns stdout.
func runPython(_ script: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Suite("Proof-of-work challenges")
struct ChallengeTests {
    @Test("spec §6.5 test vector")
    func specVector() {
        let hash = "$BLAKE2$4a78141ca54c024a703eedc97a53c4fe157a1d4bedef834649bbffeaaa0a32d6d8a1be29753fd93715061cde6997551241a958d5a15df1aee64e0651c64ad12d"
        #expect(PowChallenge.hash(password: "q7Wq!7a", salt: "3f9c2a1b0d4e5f60") == hash)
        let c = PowChallenge(hash: hash, salt: "3f9c2a1b0d4e5f60", chars: "q7W!a#Z2:k", mask: "?1?1?1?1?1?1?1", difficulty: 7)
        #expect(ChallengeVerifier().verify("q7Wq!7a", for: c))
        #expect(!ChallengeVerifier().verify("q7Wq!7b", for: c))
    }

    @Test("generated challenges have the original's shape")
    func shape() {
        let generator = ChallengeGenerator()
        for difficulty in [1, 6, 9, 12, 20] {
            let issued = generator.generate(difficulty: difficulty)
            let c = issued.challenge
            let expectedLength = min(max(difficulty, 6), 12)
            #expect(c.difficulty == expectedLength)
            #expect(issued.password.count == expectedLength)
            #expect(c.mask == String(repeating: "?1", count: expectedLength))
            #expect(c.mode == "610")
            #expect(Set(c.chars).count == 10 && c.chars.allSatisfy(ChallengeGenerator.pool.contains))
            #expect(issued.password.allSatisfy(c.chars.contains))
            #expect(c.salt.count == 16 && c.salt.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(ChallengeVerifier().verify(issued.password, for: c))
        }
        #expect(ChallengeGenerator(bounds: 3...4).generate(difficulty: 9).challenge.difficulty == 4)
    }

    @Test("charsets are 10 distinct characters drawn evenly from the whole pool")
    func charsetsCoverThePoolEvenly() {
        var counts: [Character: Int] = [:]
        let n = 4_000
        let generator = ChallengeGenerator()
        for _ in 0..<n {
            let chars = generator.generate(difficulty: 6).challenge.chars
            #expect(Set(chars).count == 10)
            for c in chars { counts[c, default: 0] += 1 }
        }
        // Each character is in a charset with probability 10/86: ~465 of 4,000, σ ≈ 20.
        let expected = Double(n) * 10 / 86
        #expect(counts.count == ChallengeGenerator.pool.count)
        for c in ChallengeGenerator.pool {
            #expect(abs(Double(counts[c] ?? 0) - expected) < 8 * 20.3, "\(c): \(counts[c] ?? 0)")
        }
    }

    @Test("the buffered system random stream: fresh across refills and between generators, bits balanced")
    func bufferedSystemRandom() {
        var a = BufferedSystemRandom(), b = BufferedSystemRandom()
        let xs = (0..<1_000).map { _ in a.next() }, ys = (0..<1_000).map { _ in b.next() }
        #expect(Set(xs).count == xs.count, "no repeats within or across the 256-byte refills")
        #expect(Set(xs).isDisjoint(with: ys))
        let ones = xs.reduce(0) { $0 + $1.nonzeroBitCount }
        // 64,000 bits: mean 32,000, σ ≈ 126.
        #expect(abs(ones - 32_000) < 1_000)
    }

    @Test("Python hashlib.blake2b agrees, including passwords with ':' and a leading '-'")
    func pythonCrossCheck() throws {
        var cases = (0..<20).map { _ in ChallengeGenerator().generate(difficulty: 8) }
        // Forced shapes: a ':' inside and a leading '-'.
        for password in ["x:1x:1x", "-abc:def", "::::::", "-"] {
            let salt = "0123456789abcdef"
            cases.append(IssuedChallenge(
                challenge: PowChallenge(hash: PowChallenge.hash(password: password, salt: salt), salt: salt,
                                        chars: String(Set(password)), mask: String(repeating: "?1", count: password.count),
                                        difficulty: password.count),
                password: password))
        }
        let payload = try JSONSerialization.data(withJSONObject: cases.map {
            ["p": $0.password, "s": $0.challenge.salt, "h": $0.challenge.hash]
        })
        let script = """
        import hashlib, json, sys
        cases = json.loads(\(String(reflecting: String(decoding: payload, as: UTF8.self))))
        bad = [c for c in cases if "$BLAKE2$" + hashlib.blake2b((c["p"] + c["s"]).encode()).hexdigest() != c["h"]]
        print(len(cases), len(bad))
        """
        let output = try runPython(script).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(output == "\(cases.count) 0")
    }

    @Test("bad answers are clean failures")
    func badAnswers() {
        let issued = ChallengeGenerator().generate(difficulty: 6)
        let c = issued.challenge
        let verifier = ChallengeVerifier()
        #expect(!verifier.verify(nil, for: c))
        #expect(!verifier.verify("", for: c))
        #expect(!verifier.verify(issued.password + issued.password, for: c))
        #expect(!verifier.verify(String(repeating: "x", count: 1_000_000), for: c))
        let outside = ChallengeGenerator.pool.first { !c.chars.contains($0) }!
        #expect(!verifier.verify(String(repeating: outside, count: 6), for: c))
        #expect(!verifier.verify("\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}", for: c))
        var broken = c
        broken.hash = "$BLAKE2$zz"
        #expect(!verifier.verify(issued.password, for: broken))
        #expect(verifier.verify(issued.password, for: c))
    }

    @Test("hashcat argv, output parsing and $HEX decoding")
    func hashcatCommand() {
        let c = PowChallenge(hash: "$BLAKE2$" + String(repeating: "a", count: 128), salt: "0011223344556677",
                             chars: "-q:7", mask: "-?1?1", difficulty: 3)
        let argv = HashcatCommand(workloadProfile: 2, options: HashcatCommand.splitOptions("-O  --force"))
            .arguments(for: c, session: "s1", runtimeSeconds: 9)
        #expect(argv == ["-a", "3", "-m", "610", "--potfile-disable", "--restore-disable", "--logfile-disable",
                         "--session", "s1", "--outfile-autohex-disable",
                         "--quiet", "-w", "2", "--runtime", "9", "--hex-charset", "-1", "2d713a37", "-O", "--force", "--",
                         "\(c.hash):\(c.salt)", "-?1?1"])
        // A mask that is not `?1` tokens never reaches hashcat.
        #expect(!HashcatCommand.isSafe(c))
        var safe = c
        safe.mask = "?1?1?1"
        #expect(HashcatCommand.isSafe(safe))
        #expect(HashcatCommand.splitOptions("none").isEmpty)
        #expect(HashcatCommand.splitOptions("  ").isEmpty)
        #expect(HashcatCommand.splitOptions("-O --opencl-device-types '1,2'") == ["-O", "--opencl-device-types", "1,2"])
        #expect(HashcatCommand.decodeHex("$HEX[783a31783a3178]") == "x:1x:1x")
        #expect(HashcatCommand.decodeHex("$HEX[zz]") == "$HEX[zz]")
        #expect(HashcatCommand.parseVersion("v6.2.6\n") == [6, 2, 6])
        #expect(HashcatCommand.parseVersion("v7.1.2-12-gabc") == [7, 1, 2])
        #expect(HashcatCommand.parseVersion("garbage") == nil)

        let salt = "3f9c2a1b0d4e5f60"
        let hash = PowChallenge.hash(password: "x:1x:1x", salt: salt)
        let real = PowChallenge(hash: hash, salt: salt, chars: "x:1", mask: "?1?1?1?1?1?1?1", difficulty: 7)
        let wrong = "\(hash):\(salt):nope\n"
        #expect(HashcatCommand.parsePassword(output: "noise\n" + wrong + "\(hash):\(salt):x:1x:1x\n", challenge: real) == "x:1x:1x")
        #expect(HashcatCommand.parsePassword(output: "\(hash):\(salt):$HEX[783a31783a3178]\r\n", challenge: real) == "x:1x:1x")
        #expect(HashcatCommand.parsePassword(output: wrong, challenge: real) == nil)
        #expect(HashcatCommand.parsePassword(output: "", challenge: real) == nil)
    }
}
