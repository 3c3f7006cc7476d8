import Foundation
import Testing
@testable import ComputeSubnet

/// The hashcat backend against the real hashcat 6.2.6 + PoCL on this machine's CPU. Each run
/// costs ~3 s (the first one per machine ~20 s more to compile the kernels), so the suite is
/// small and serialised.
@Suite("hashcat backend", .serialized, .enabled(if: HashcatAvailability.present))
struct PowInteropTests {
    let solver = HashcatSolver()

    func challenge(password: String, chars: String, mask: String? = nil, salt: String = "3f9c2a1b0d4e5f60") -> PowChallenge {
        PowChallenge(hash: PowChallenge.hash(password: password, salt: salt), salt: salt, chars: chars,
                     mask: mask ?? String(repeating: "?1", count: password.count), difficulty: password.count)
    }

    @Test("version check and a password with ':' and a leading '-'; a mask with a literal is refused")
    func separatorAndDash() async throws {
        let version = try await solver.checkVersion()
        #expect(version.hasPrefix("v6") || version.hasPrefix("v7"))
        let solution = try await solver.solve(challenge(password: "-q:7:", chars: "-q:7"), timeout: 120)
        #expect(solution.password == "-q:7:")
        #expect(solution.backend == .hashcat)
        // A mask with a literal (here a leading '-', which hashcat would read as an option) is
        // not something a validator sends: refused before hashcat runs.
        await #expect(throws: (any Error).self) {
            _ = try await solver.solve(challenge(password: "-x:yx", chars: "x:y", mask: "-?1?1?1?1"), timeout: 60)
        }
    }

    @Test("two concurrent challenges are both solved (one hashcat at a time)")
    func concurrent() async throws {
        let a = challenge(password: "ab:ba", chars: "ab:")
        let b = ChallengeGenerator(bounds: 4...4).generate(difficulty: 4)
        async let first = solver.solve(a, timeout: 60)
        async let second = solver.solve(b.challenge, timeout: 60)
        let (x, y) = try await (first, second)
        #expect(x.password == "ab:ba")
        #expect(y.password == b.password)
    }

    @Test("a deadline that expires kills hashcat and is a clean error")
    func deadline() async throws {
        let hard = PowChallenge(hash: PowChallenge.hashPrefix + String(repeating: "0", count: 128), salt: "0011223344556677",
                                chars: "0123456789", mask: String(repeating: "?1", count: 12), difficulty: 12)
        let start = ContinuousClock.now
        let error = await #expect(throws: SolverError.self) { try await solver.solve(hard, timeout: 3) }
        #expect(error?.reason == .deadlineExpired)
        #expect((ContinuousClock.now - start) < .seconds(10))   // 3 s deadline; generous for a loaded CI machine
        try await Task.sleep(for: .milliseconds(300))
        #expect(HashcatAvailability.runningSessions() == 0, "hashcat still running after the deadline")
    }
}

enum HashcatAvailability {
    static let present: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["hashcat", "--version"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// hashcat processes started by this test process (sessions are named sn27-<pid>-…).
    static func runningSessions() -> Int {
        let me = "sn27-\(ProcessInfo.processInfo.processIdentifier)-"
        let procs = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return procs.filter { Int($0) != nil }.filter { pid in
            guard let cmd = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: cmd, as: UTF8.self).contains(me)
        }.count
    }
}
