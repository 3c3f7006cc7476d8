import Bittensor
import PowKernel

extension NativeSolver {
    /// One challenge prepared for the worker threads: the C kernel (whichever implementation the
    /// CPU runs) when the shape fits one BLAKE2b block, scalar libsodium BLAKE2b otherwise.
    struct Search: Sendable {
        let charset: [UInt8]
        let length: Int
        let salt: [UInt8]
        let digest: [UInt8]
        let keyspace: UInt64
        let kernel: PowKernel?
        let chunkSize: UInt64

        init(challenge: PowChallenge, chunkSize: UInt64) throws {
            guard let digest = challenge.digest else {
                throw SolverError(.invalidChallenge("hash is not $BLAKE2$ followed by 128 hex digits"))
            }
            let mask = Array(challenge.mask.utf8)
            guard !mask.isEmpty, mask.count % 2 == 0,
                  stride(from: 0, to: mask.count, by: 2).allSatisfy({ mask[$0] == UInt8(ascii: "?") && mask[$0 + 1] == UInt8(ascii: "1") })
            else {
                throw SolverError(.invalidChallenge("the native solver takes masks of ?1 only, got '\(challenge.mask)'"))
            }
            let length = mask.count / 2
            guard length <= 64 else { throw SolverError(.invalidChallenge("mask longer than 64 positions")) }
            let charset = Array(challenge.chars.utf8)
            guard !charset.isEmpty else { throw SolverError(.invalidChallenge("empty charset")) }
            self.charset = charset
            self.length = length
            self.salt = Array(challenge.salt.utf8)
            self.digest = digest
            self.chunkSize = chunkSize
            self.kernel = PowKernel(charset: charset, length: length, salt: salt, digest: digest)
            var space: UInt64 = 1
            for _ in 0..<length {
                let (p, o) = space.multipliedReportingOverflow(by: UInt64(charset.count))
                space = o ? .max : p
                if o { break }
            }
            self.keyspace = space
        }

        func password(at index: UInt64) -> String {
            String(decoding: PowKernel.password(at: index, charset: charset, length: length), as: UTF8.self)
        }

        /// One worker: takes chunks until the keyspace ends or the search stops.
        func run(state: SearchState, deadline: ContinuousClock.Instant) {
            while !state.stop.load(ordering: .relaxed) {
                if ContinuousClock.now >= deadline {
                    state.deadlineHit.store(true, ordering: .relaxed)
                    state.stop.store(true, ordering: .releasing)
                    return
                }
                let chunk = state.nextChunk.add(1, ordering: .relaxed).oldValue
                let (start, overflow) = chunk.multipliedReportingOverflow(by: chunkSize)
                guard !overflow, start < keyspace else { return }
                let count = min(chunkSize, keyspace - start)
                if let hit = searchChunk(start: start, count: count) {
                    state.hashes.add(hit - start + 1, ordering: .relaxed)
                    state.record(hit)
                    return
                }
                state.hashes.add(count, ordering: .relaxed)
            }
        }

        /// The first confirmed match in `start ..< start + count`.
        func searchChunk(start: UInt64, count: UInt64) -> UInt64? {
            let end = start + count
            guard let kernel else { return scalarSearch(start: start, end: end) }
            var from = start
            while from < end, let candidate = kernel.search(start: from, count: end - from) {
                if confirms(candidate) { return candidate }
                from = candidate + 1   // a 64-bit false positive: keep going
            }
            return nil
        }

        func confirms(_ index: UInt64) -> Bool {
            ChallengeVerifier.constantTimeEqual(Blake2b.hash(Array(password(at: index).utf8) + salt), digest)
        }

        func scalarSearch(start: UInt64, end: UInt64) -> UInt64? {
            var index = start
            while index < end {
                if confirms(index) { return index }
                index += 1
            }
            return nil
        }
    }
}
