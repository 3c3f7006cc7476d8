import Foundation

/// Which solver runs a challenge.
public enum SolverBackend: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case native, hashcat, auto
    public var description: String { rawValue }
}

/// A solved challenge and what it cost.
public struct Solution: Sendable, Hashable {
    public var password: String
    /// Candidates hashed (hashcat: an estimate from the keyspace position, 0 when unknown).
    public var hashes: UInt64
    public var seconds: Double
    public var backend: SolverBackend

    public init(password: String, hashes: UInt64, seconds: Double, backend: SolverBackend) {
        self.password = password
        self.hashes = hashes
        self.seconds = seconds
        self.backend = backend
    }
}

/// Finds the password of a challenge before a deadline. Implementations stop promptly when the
/// task is cancelled or the deadline passes, and throw `SolverError`.
public protocol Solver: Sendable {
    var backend: SolverBackend { get }
    func solve(_ challenge: PowChallenge, deadline: ContinuousClock.Instant) async throws -> Solution
}

extension Solver {
    /// Solves with a time budget in seconds (NaN or negative: none; capped at one day, so no
    /// value can overflow the deadline).
    public func solve(_ challenge: PowChallenge, timeout seconds: Double) async throws -> Solution {
        let bounded = seconds.isNaN ? 0 : min(max(seconds, 0), 86_400)
        return try await solve(challenge, deadline: .now + .milliseconds(Int64(bounded * 1000)))
    }
}

/// Why a solver returned no password.
public struct SolverError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The whole keyspace was searched without a match.
        case exhausted
        case deadlineExpired
        case cancelled
        /// The challenge cannot be solved as given (bad hash, mask, charset …).
        case invalidChallenge(String)
        /// hashcat is missing, too old or failed.
        case hashcatUnavailable(String)
        case hashcatFailed(String)
    }
    public var reason: Reason
    public var hashes: UInt64
    public var seconds: Double

    public init(_ reason: Reason, hashes: UInt64 = 0, seconds: Double = 0) {
        self.reason = reason
        self.hashes = hashes
        self.seconds = seconds
    }

    public var description: String {
        let after = String(format: "%.2f", seconds)
        switch reason {
        case .exhausted: return "no password found: searched the whole keyspace (\(hashes) candidates) in \(after) s"
        case .deadlineExpired: return "no password found before the deadline (\(hashes) candidates in \(after) s)"
        case .cancelled: return "solving was cancelled after \(after) s"
        case .invalidChallenge(let why): return "invalid challenge: \(why)"
        case .hashcatUnavailable(let why): return "hashcat is unavailable: \(why)"
        case .hashcatFailed(let why): return "hashcat failed: \(why)"
        }
    }
}
