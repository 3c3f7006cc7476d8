import Bittensor
import Foundation
import PowKernel
import Testing
@testable import ComputeSubnet

@Suite("Native proof-of-work solver", .serialized)
struct NativeSolverTests {
    @Test("the kernel's enumeration and hit agree with the solver's password order")
    func kernelFindsKnownIndex() throws {
        let salt = Array("3f9c2a1b0d4e5f60".utf8)
        let charset = Array("q7W!a#Z2:k".utf8)
        let password = Array("q7Wq!7a".utf8)
        let digest = Blake2b.hash(password + salt)
        let kernel = try #require(PowKernel(charset: charset, length: 7, salt: salt, digest: digest))
        let index = try #require(kernel.search(start: 0, count: kernel.keyspace))
        #expect(kernel.password(at: index) == password)
        // From an unaligned start inside the keyspace too.
        #expect(kernel.search(start: index - 5, count: 100) == index)
        #expect(kernel.search(start: index + 1, count: 1000) == nil)
    }
}

extension NativeSolverTests {
    @Test("solves random challenges of length 4–6 exactly", arguments: [4, 5, 6])
    func solvesRandom(length: Int) async throws {
        for _ in 0..<3 {
            let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: length)
            let solution = try await NativeSolver().solve(issued.challenge, timeout: 20)
            #expect(solution.password == issued.password)
            #expect(solution.hashes > 0)
        }
    }

    @Test("odd shapes: length 1, a 1-character and a full-pool charset, long salts, the scalar fallback")
    func oddShapes() async throws {
        let cases: [(password: String, chars: String, salt: String)] = [
            ("k", "abcdefghijk", "00"),
            ("aaaa", "a", "0123456789abcdef"),
            ("Zz9-", String(ChallengeGenerator.pool), ""),
            ("b:-a", "-:ab", String(repeating: "s", count: 100)),          // still one block (104 bytes)
            ("ab:a", "ab:", String(repeating: "s", count: 130)),           // two blocks → scalar path
            ("012345678912", "0123456789", "ff"),                         // 12 characters, into word 1
        ]
        for c in cases {
            let challenge = PowChallenge(hash: PowChallenge.hash(password: c.password, salt: c.salt), salt: c.salt,
                                         chars: c.chars, mask: String(repeating: "?1", count: c.password.count),
                                         difficulty: c.password.count)
            var solver = NativeSolver(threads: 2)
            if c.password.count == 12 {
                // Start the 10^12 keyspace near the answer by searching with a big chunk from
                // the kernel directly rather than the solver.
                let search = try NativeSolver.Search(challenge: challenge, chunkSize: 1 << 15)
                let index: UInt64 = 12_345_678_912
                #expect(search.password(at: index) == c.password)
                #expect(search.searchChunk(start: index - 1000, count: 5000) == index)
                continue
            }
            solver.chunkSize = 1 << 10
            let solution = try await solver.solve(challenge, timeout: 20)
            #expect(solution.password == c.password)
        }
    }

    @Test("a deadline stops the search promptly")
    func deadline() async throws {
        let challenge = unsolvable()
        let start = ContinuousClock.now
        let error = await #expect(throws: SolverError.self) {
            try await NativeSolver().solve(challenge, timeout: 0.3)
        }
        let elapsed = (ContinuousClock.now - start).seconds
        #expect(error?.reason == .deadlineExpired)
        #expect(error?.hashes ?? 0 > 0)
        #expect(elapsed < 3)    // the deadline is 0.3 s; generous for a loaded CI machine
    }

    @Test("cancellation stops the search promptly")
    func cancellation() async throws {
        let challenge = unsolvable()
        let task = Task { try await NativeSolver().solve(challenge, timeout: 60) }
        try await Task.sleep(for: .milliseconds(200))
        let start = ContinuousClock.now
        task.cancel()
        let result = await task.result
        let elapsed = (ContinuousClock.now - start).seconds
        #expect(elapsed < 3)    // vs a 60 s budget; generous for a loaded CI machine
        #expect(throws: SolverError.self) { try result.get() }
        if case .failure(let error as SolverError) = result { #expect(error.reason == .cancelled) }
    }

    @Test("an exhausted keyspace and a malformed challenge are typed errors")
    func errors() async throws {
        var challenge = unsolvable()
        challenge.mask = "?1?1?1"
        let exhausted = await #expect(throws: SolverError.self) { try await NativeSolver().solve(challenge, timeout: 5) }
        #expect(exhausted?.reason == .exhausted)
        #expect(exhausted?.hashes == 1000)
        challenge.hash = "$BLAKE2$00"
        let invalid = await #expect(throws: SolverError.self) { try await NativeSolver().solve(challenge, timeout: 5) }
        if case .invalidChallenge = invalid?.reason {} else { Issue.record("expected invalidChallenge, got \(String(describing: invalid))") }
    }

    /// A 10^12 keyspace whose hash no password produces.
    func unsolvable() -> PowChallenge {
        PowChallenge(hash: PowChallenge.hashPrefix + String(repeating: "0", count: 128), salt: "0011223344556677",
                     chars: "0123456789", mask: String(repeating: "?1", count: 12), difficulty: 12)
    }
}
