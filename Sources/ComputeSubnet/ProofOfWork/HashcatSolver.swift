import Foundation
import Logging

/// Solves challenges with hashcat. Runs one hashcat session at a time on this machine (hashcat
/// uses every device it sees; two at once only fight over them), kills the process at the
/// deadline or on cancellation, and verifies every answer.
public struct HashcatSolver: Solver {
    public var backend: SolverBackend { .hashcat }
    public let command: HashcatCommand
    let queue: HashcatQueue

    public init(command: HashcatCommand = HashcatCommand()) {
        self.command = command
        self.queue = HashcatQueue.shared
    }

    /// Checks `hashcat --version` ≥ 6.2.6 and returns the version text.
    public func checkVersion() async throws -> String {
        let run: ProgramOutput
        do {
            run = try await Program(command.executable, ["--version"], timeout: .seconds(30), outputLimit: 4096).run()
        } catch {
            throw SolverError(.hashcatUnavailable("\(error)"))
        }
        let text = run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard run.succeeded, let version = HashcatCommand.parseVersion(text) else {
            throw SolverError(.hashcatUnavailable("'\(command.executable) --version' printed '\(text)' (\(run.ending))"))
        }
        guard version.lexicographicallyPrecedes(HashcatCommand.minimumVersion) == false else {
            throw SolverError(.hashcatUnavailable("version \(text) is older than 6.2.6; install hashcat 6.2.6 or newer"))
        }
        return text
    }

    /// Solves a tiny challenge so the kernels are compiled and cached before real work; returns
    /// the seconds it took (hashcat's fixed cost per call once warm is the second run's time).
    @discardableResult
    public func warmUp(timeout: Double = 120) async throws -> Double {
        let issued = ChallengeGenerator(bounds: 3...3).generate(difficulty: 3)
        let solution = try await solve(issued.challenge, timeout: timeout)
        return solution.seconds
    }

    public func solve(_ challenge: PowChallenge, deadline: ContinuousClock.Instant) async throws -> Solution {
        guard HashcatCommand.isSafe(challenge) else {
            throw SolverError(.invalidChallenge("not a mode 610 challenge with a hex hash and salt and a ?1 mask"))
        }
        let start = ContinuousClock.now
        do {
            try await queue.acquire(deadline: deadline)
        } catch let error as SolverError {
            throw SolverError(error.reason, seconds: (ContinuousClock.now - start).seconds)
        }
        defer { Task { await queue.release() } }
        let left = deadline - .now
        guard left > .zero else { throw SolverError(.deadlineExpired, seconds: (ContinuousClock.now - start).seconds) }
        let session = "sn27-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let arguments = command.arguments(for: challenge, session: session,
                                          runtimeSeconds: Int(min(left.seconds, 86_400).rounded(.up)))
        let run: ProgramOutput
        // A private, empty working directory: no relative name can resolve to a file.
        let workDirectory: PrivateDirectory
        do { workDirectory = try PrivateDirectory() } catch {
            throw SolverError(.hashcatUnavailable("\(error)"), seconds: (ContinuousClock.now - start).seconds)
        }
        defer { workDirectory.remove() }
        do {
            run = try await Program(command.executable, arguments, workingDirectory: workDirectory.path,
                                    timeout: deadline - .now, outputLimit: 1 << 20).run()
        } catch {
            let seconds = (ContinuousClock.now - start).seconds
            switch error {
            case .cancelled: throw SolverError(.cancelled, seconds: seconds)
            case .notFound, .cannotStart: throw SolverError(.hashcatUnavailable("\(error)"), seconds: seconds)
            }
        }
        let seconds = (ContinuousClock.now - start).seconds
        if let password = HashcatCommand.parsePassword(output: run.stdoutText, challenge: challenge) {
            return Solution(password: password, hashes: 0, seconds: seconds, backend: .hashcat)
        }
        if run.timedOut || ContinuousClock.now >= deadline {
            throw SolverError(.deadlineExpired, seconds: seconds)
        }
        // hashcat exit codes: 0 cracked, 1 exhausted, 4 runtime limit reached, others errors.
        switch run.exitCode {
        case 1?: throw SolverError(.exhausted, seconds: seconds)
        case 4?: throw SolverError(.deadlineExpired, seconds: seconds)
        default:
            let tail = (run.stderrText + run.stdoutText).split(separator: "\n").suffix(3).joined(separator: " | ")
            throw SolverError(.hashcatFailed("\(run.ending): \(tail)"), seconds: seconds)
        }
    }
}

/// One hashcat at a time, first come first served.
actor HashcatQueue {
    static let shared = HashcatQueue()
    private var busy = false
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0

    func acquire(deadline: ContinuousClock.Instant) async throws {
        if !busy { busy = true; return }
        nextID += 1
        let id = nextID
        let timer = Task { try? await Task.sleep(until: deadline); await self.abandon(id) }
        defer { timer.cancel() }
        let granted = await withTaskCancellationHandler {
            await withCheckedContinuation { waiters.append((id, $0)) }
        } onCancel: {
            Task { await self.abandon(id) }
        }
        guard granted else {
            throw SolverError(ContinuousClock.now >= deadline ? .deadlineExpired : .cancelled)
        }
        if Task.isCancelled { release(); throw SolverError(.cancelled) }
    }

    func release() {
        if waiters.isEmpty { busy = false; return }
        waiters.removeFirst().continuation.resume(returning: true)
    }

    /// A waiter that gave up (cancelled or out of time) leaves the queue without the slot.
    private func abandon(_ id: UInt64) {
        if let i = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: i).continuation.resume(returning: false)
        }
    }
}
