import Bittensor
import Foundation
import Testing
@testable import ComputeSubnet

/// The Challenge grammar (`ValidatedChallenge`) and the worker's fixed answers, with real solvers.
@Suite("Challenge input", .serialized)
struct ChallengeInputTests {
    static let hashcatPresent: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["hashcat", "--version"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static func synapse(_ issued: IssuedChallenge, timeout: Double = 30) -> Challenge {
        let c = issued.challenge
        var s = Challenge(hash: c.hash, salt: c.salt, chars: c.chars, mask: c.mask, difficulty: c.difficulty)
        s.timeout = timeout
        return s
    }

    /// A file holding a random marker; its path is what an attacker puts into a field.
    static func secretFile() throws -> (path: String, marker: String) {
        let marker = "SN27-SECRET-\(UUID().uuidString)"
        let path = NSTemporaryDirectory() + "/sn27-secret-\(UUID().uuidString).txt"
        try Data((marker + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (path, marker)
    }

    static func hostileVariants(of base: Challenge, path: String) -> [(String, Challenge)] {
        var out: [(String, Challenge)] = []
        for value in [path, "../../\(path)", "-o/tmp/sn27-out", "--stdout", "?1?1 --stdout", "?1?1\n/etc/passwd", "-1 \(path)"] {
            var s = base; s.challengeMask = value; out.append(("mask \(value)", s))
            s = base; s.challengeChars = value; out.append(("chars \(value)", s))
            s = base; s.challengeSalt = value; out.append(("salt \(value)", s))
            s = base; s.challengeHash = value; out.append(("hash \(value)", s))
            s = base; s.challengeMode = value; out.append(("mode \(value)", s))
        }
        return out
    }

    @Test("legitimate challenges pass the grammar unchanged")
    func legitimate() throws {
        for difficulty in 1...12 {
            let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: difficulty)
            let v = try ValidatedChallenge(Self.synapse(issued))
            #expect(v.challenge == issued.challenge)
            #expect(v.timeout == 30)
        }
        var empty = Self.synapse(ChallengeGenerator().generate(difficulty: 7))
        empty.challengeMode = ""
        #expect(try ValidatedChallenge(empty).challenge.mode == "610")
        empty.challengeChars = String((0x20...0x7E).map { Character(UnicodeScalar(UInt8($0))) })
        #expect(throws: Never.self) { try ValidatedChallenge(empty) }
    }

    @Test("every field out of grammar is refused with a fixed code naming the field")
    func refusals() throws {
        let base = Self.synapse(ChallengeGenerator().generate(difficulty: 7))
        func refusedField(_ s: Challenge) -> String? {
            do { _ = try ValidatedChallenge(s); return nil } catch { return error.field }
        }
        var s = base
        s.challengeHash = base.challengeHash.lowercased()
        #expect(refusedField(s) == "challenge_hash")          // "$blake2$" is not the prefix
        s = base; s.challengeHash = base.challengeHash.uppercased()
        #expect(refusedField(s) == nil)                       // upper-case hex digits are hex
        s = base; s.challengeHash = String(base.challengeHash.dropLast()); #expect(refusedField(s) == "challenge_hash")
        s = base; s.challengeHash = base.challengeHash + "0"; #expect(refusedField(s) == "challenge_hash")
        s = base; s.challengeHash = String(base.challengeHash.dropLast()) + "g"; #expect(refusedField(s) == "challenge_hash")
        s = base; s.challengeSalt = String(repeating: "a", count: 65); #expect(refusedField(s) == "challenge_salt")
        s = base; s.challengeSalt = "00:11"; #expect(refusedField(s) == "challenge_salt")
        s = base; s.challengeChars = ""; #expect(refusedField(s) == "challenge_chars")
        s = base; s.challengeChars = "aab"; #expect(refusedField(s) == "challenge_chars")
        s = base; s.challengeChars = "ab\u{7F}"; #expect(refusedField(s) == "challenge_chars")
        s = base; s.challengeChars = "abé"; #expect(refusedField(s) == "challenge_chars")
        s = base; s.challengeChars = "ab\n"; #expect(refusedField(s) == "challenge_chars")
        s = base; s.challengeMask = String(repeating: "?1", count: 6); #expect(refusedField(s) == "challenge_mask")
        s = base; s.challengeMask = String(repeating: "?1", count: 6) + "?2"; #expect(refusedField(s) == "challenge_mask")
        s = base; s.challengeMask = String(repeating: "?1", count: 6) + "?a"; #expect(refusedField(s) == "challenge_mask")
        s = base; s.challengeMode = "0"; #expect(refusedField(s) == "challenge_mode")
        s = base; s.challengeMode = "19500"; #expect(refusedField(s) == "challenge_mode")
        for d in [0, -1, 13, Int.max, Int.min] {
            s = base; s.challengeDifficulty = d; #expect(refusedField(s) == "challenge_difficulty", "difficulty \(d)")
        }
        for t in [Double.nan, .infinity, -.infinity, 0, -1, -1e300] {
            s = base; s.timeout = t; #expect(refusedField(s) == "timeout", "timeout \(t)")
        }
        let path = try Self.secretFile().path
        for (label, hostile) in Self.hostileVariants(of: base, path: path) {
            #expect(refusedField(hostile) != nil, "\(label)")
        }
        // The code a caller sees is fixed text: it never contains the value sent.
        s = base; s.challengeMask = path
        do { _ = try ValidatedChallenge(s); Issue.record("accepted a path") } catch {
            #expect(error.code == "invalid_input: challenge_mask must be ?1 repeated challenge_difficulty times")
            #expect(!error.code.contains(path) && !error.description.contains(path))
        }
    }

    @Test("timeouts are clamped to 1...600 s and to the axon's deadline")
    func timeoutClamp() async throws {
        var s = Self.synapse(ChallengeGenerator().generate(difficulty: 6))
        s.timeout = 1e300; #expect(try ValidatedChallenge(s).timeout == 600)
        s.timeout = 1e-9; #expect(try ValidatedChallenge(s).timeout == 1)
        s.timeout = 1e300; #expect(try ValidatedChallenge(s, axonTimeout: 12).timeout == 12)
        s.timeout = 30; #expect(try ValidatedChallenge(s, axonTimeout: .infinity).timeout == 30)
        // The solver's own timeout API never traps either.
        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 2)
        for t in [Double.infinity, .nan, 1e300, -1] {
            _ = try? await NativeSolver(threads: 1).solve(issued.challenge, timeout: t)
        }
    }

    @Test("the worker answers hostile challenges with fixed codes and no file content, on hashcat and native")
    func workerNeverLeaks() async throws {
        let (path, marker) = try Self.secretFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #require(Self.hashcatPresent, "hashcat 6.2.6 must be installed (scripts/lib/setup.sh)")
        let solvers: [any Solver] = [NativeSolver(threads: 1), HashcatSolver(command: HashcatCommand(options: []))]
        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 3)
        let base = Self.synapse(issued, timeout: 20)
        for solver in solvers {
            let worker = ChallengeWorker(solver: solver)
            for (label, hostile) in Self.hostileVariants(of: base, path: path) {
                let reply = await worker.answer(hostile)
                let text = String(decoding: reply.jsonBody(style: .compact), as: UTF8.self)
                #expect(!text.contains(marker), "\(solver.backend) \(label)")
                #expect(reply.output["password"]?.isNull == true, "\(solver.backend) \(label)")
                #expect(reply.output["error"]?.stringValue?.hasPrefix("invalid_input: ") == true, "\(solver.backend) \(label)")
            }
            for t in [Double.infinity, -.infinity, .nan, -1] {
                var s = base; s.timeout = t
                #expect(await worker.answer(s).output["error"]?.stringValue == "invalid_input: timeout must be a finite number of seconds above 0")
            }
            var huge = base; huge.timeout = 1e300
            #expect(await worker.answer(huge).output["password"]?.stringValue == issued.password, "\(solver.backend)")
            #expect(await worker.answer(base).output["password"]?.stringValue == issued.password, "\(solver.backend)")
        }
    }

    @Test("hashcat never opens a file named by a challenge, even one the grammar would pass")
    func hashcatPrivateDirectory() async throws {
        try #require(Self.hashcatPresent, "hashcat 6.2.6 must be installed (scripts/lib/setup.sh)")
        // A charset whose hex form and a mask that name files in the miner's own working directory.
        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 3)
        let hex = PowChallenge.hex(Array(issued.challenge.chars.utf8))
        let cwd = FileManager.default.currentDirectoryPath
        let planted = ["\(cwd)/\(hex)", "\(cwd)/?1?1?1"]
        for p in planted where !FileManager.default.fileExists(atPath: p) {
            try Data("ZZZZZZZZZZ\n".utf8).write(to: URL(fileURLWithPath: p))
        }
        defer { for p in planted { try? FileManager.default.removeItem(atPath: p) } }
        let solution = try await HashcatSolver(command: HashcatCommand(options: [])).solve(issued.challenge, timeout: 60)
        #expect(solution.password == issued.password)
    }
}
