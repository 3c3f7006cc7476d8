import Foundation
import Logging

/// Picks a solver per challenge: native when its expected time for the keyspace is below
/// hashcat's fixed cost per call (plus hashcat's own expected search time when its rate is
/// known), hashcat otherwise when it is present. Calibrate once at start-up.
public struct AutoSolver: Solver {
    public var backend: SolverBackend { .auto }
    public let native: NativeSolver
    public let hashcat: HashcatSolver?
    /// Native hashes per second.
    public var nativeRate: Double
    /// Seconds hashcat needs per call before it searches (start, autotune), once warm.
    public var hashcatStartup: Double
    /// hashcat hashes per second, 0 when unknown.
    public var hashcatRate: Double
    public var logger: Logger

    public init(native: NativeSolver, hashcat: HashcatSolver?, nativeRate: Double, hashcatStartup: Double,
                hashcatRate: Double = 0, logger: Logger = Logger(label: "pow.auto")) {
        self.native = native
        self.hashcat = hashcat
        self.nativeRate = nativeRate
        self.hashcatStartup = hashcatStartup
        self.hashcatRate = hashcatRate
        self.logger = logger
    }

    /// Measures the native rate and, when hashcat is usable, warms its kernels and times one
    /// warm call. Without hashcat, every challenge goes to the native solver.
    public static func calibrate(native: NativeSolver, hashcat: HashcatSolver?,
                                 logger: Logger = Logger(label: "pow.auto")) async -> AutoSolver {
        let rate = await native.measureThroughput(seconds: 0.5)
        var startup = Double.infinity
        var usable: HashcatSolver? = nil
        if let hashcat {
            do {
                _ = try await hashcat.checkVersion()
                try await hashcat.warmUp()                 // compiles kernels on the first run
                startup = try await hashcat.warmUp(timeout: 60)
                usable = hashcat
            } catch {
                logger.warning("hashcat not used: \(error)")
            }
        }
        logger.info("auto solver calibrated", metadata: [
            "native_hps": "\(Int(rate))", "hashcat_startup_s": "\(startup)"])
        return AutoSolver(native: native, hashcat: usable, nativeRate: rate, hashcatStartup: startup, logger: logger)
    }

    /// The solver `solve` would use for `challenge`.
    public func choice(for challenge: PowChallenge) -> SolverBackend {
        guard hashcat != nil else { return .native }
        let positions = max(1, challenge.mask.utf8.count / 2)
        let keyspace = pow(Double(max(1, Set(challenge.chars).count)), Double(positions))
        let nativeExpected = nativeRate > 0 ? keyspace / 2 / nativeRate : .infinity
        let hashcatExpected = hashcatStartup + (hashcatRate > 0 ? keyspace / 2 / hashcatRate : 0)
        return nativeExpected <= hashcatExpected ? .native : .hashcat
    }

    public func solve(_ challenge: PowChallenge, deadline: ContinuousClock.Instant) async throws -> Solution {
        let pick = choice(for: challenge)
        logger.info("solver chosen", metadata: ["backend": "\(pick)", "difficulty": "\(challenge.difficulty)"])
        if pick == .hashcat, let hashcat { return try await hashcat.solve(challenge, deadline: deadline) }
        return try await native.solve(challenge, deadline: deadline)
    }
}
