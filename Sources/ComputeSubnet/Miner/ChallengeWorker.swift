import Bittensor
import Foundation
import Logging

/// Solves validators' challenges one at a time on this machine's solver (one device queue),
/// answering before each request's own timeout and refusing at once when too many wait, so a
/// flood of challenges never starves other synapses or grows memory without bound.
///
/// Every challenge is checked by `ValidatedChallenge` first; a refused one never reaches a solver.
/// The `error` a caller gets is one of `ChallengeFailure`'s fixed codes, never a solver's or a
/// tool's own text; the detail goes to the local log, redacted.
public actor ChallengeWorker {
    let solver: any Solver
    let maxQueued: Int
    let logger: Logger
    private var running = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Seconds kept back from a request's timeout for the reply to travel.
    public static let replyMargin = 0.5

    public init(solver: any Solver, maxQueued: Int = 16, logger: Logger = Logger(label: "compute-subnet.miner.pow")) {
        self.solver = solver
        self.maxQueued = maxQueued
        self.logger = logger
    }

    /// Answers `synapse` in the original's output shape:
    /// `{"password": str|null, "local_execution_time": seconds, "error": str|null}`.
    /// - Parameter axonTimeout: the axon's bounded deadline for this request, seconds.
    public func answer(_ synapse: Challenge, receivedAt: ContinuousClock.Instant = .now,
                       axonTimeout: Double? = nil) async -> Challenge {
        var reply = synapse
        let validated: ValidatedChallenge
        do {
            validated = try ValidatedChallenge(synapse, axonTimeout: axonTimeout)
        } catch {
            logger.notice("challenge refused", metadata: ["reason": "\(error)"])
            reply.output = ["password": .null, "local_execution_time": .double(0), "error": .string(error.code)]
            return reply
        }
        return await answer(validated, to: reply, receivedAt: receivedAt)
    }

    /// Solves a checked challenge and writes the answer into `reply.output`.
    public func answer(_ validated: ValidatedChallenge, to synapse: Challenge,
                       receivedAt: ContinuousClock.Instant = .now) async -> Challenge {
        var reply = synapse
        let challenge = validated.challenge
        // `timeout` is at most 600 s, so the millisecond count cannot overflow.
        let budget = max(0, validated.timeout - Self.replyMargin)
        let deadline = receivedAt + .milliseconds(Int64(budget * 1000))
        let result: Result<Solution, ChallengeFailure>
        if waiting.count >= maxQueued {
            result = .failure(.busy(waiting: waiting.count))
        } else {
            await acquire()
            defer { release() }
            if ContinuousClock.now >= deadline {
                result = .failure(.solver(SolverError(.deadlineExpired)))
            } else {
                do {
                    result = .success(try await solver.solve(challenge, deadline: deadline))
                } catch let error as SolverError {
                    result = .failure(.solver(error))
                } catch {
                    result = .failure(.solver(SolverError(.cancelled)))
                }
            }
        }
        let elapsed = receivedAt.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch result {
        case let .success(solution):
            logger.info("challenge solved", metadata: [
                "difficulty": "\(challenge.difficulty)", "backend": "\(solution.backend)",
                "seconds": "\(String(format: "%.3f", seconds))",
            ])
            reply.output = ["password": .string(solution.password), "local_execution_time": .double(seconds), "error": .null]
        case let .failure(error):
            logger.warning("challenge not solved", metadata: [
                "difficulty": "\(challenge.difficulty)", "error": "\(LogRedaction.redact(error.description))"])
            reply.output = ["password": .null, "local_execution_time": .double(seconds), "error": .string(error.code)]
        }
        return reply
    }

    private func acquire() async {
        if !running {
            running = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// Why a challenge got no password.
public enum ChallengeFailure: Error, Sendable, CustomStringConvertible {
    /// Too many challenges were already waiting for the solver.
    case busy(waiting: Int)
    case solver(SolverError)

    /// The fixed text a caller gets in `output.error`: `busy`, `deadline_expired`, `exhausted`,
    /// `cancelled`, `invalid_challenge` or `solver_failed`.
    public var code: String {
        switch self {
        case .busy: "busy"
        case let .solver(error):
            switch error.reason {
            case .exhausted: "exhausted"
            case .deadlineExpired: "deadline_expired"
            case .cancelled: "cancelled"
            case .invalidChallenge: "invalid_challenge"
            case .hashcatUnavailable, .hashcatFailed: "solver_failed"
            }
        }
    }

    /// The detail, for the miner's log only.
    public var description: String {
        switch self {
        case let .busy(waiting): "miner busy: \(waiting) challenges already waiting for the solver"
        case let .solver(error): error.description
        }
    }
}
