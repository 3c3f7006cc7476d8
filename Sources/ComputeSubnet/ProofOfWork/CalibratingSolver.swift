import Logging
import ServiceLifecycle
import Synchronization

/// The `auto` solver of a miner that answers before it has calibrated: challenges go to the
/// native solver until `calibrate()` has measured it and warmed hashcat, then to the choice of
/// the calibrated `AutoSolver`.
///
/// Calibration takes seconds (half a second of native hashing, two hashcat calls, and on the
/// first run hashcat's kernel compilation), so a miner runs it as a `Service` after its axon is
/// bound instead of before: it can answer within a second of launch.
public final class CalibratingSolver: Solver {
    public var backend: SolverBackend { .auto }
    public let native: NativeSolver
    public let hashcat: HashcatSolver?
    private let logger: Logger
    private let calibrated = Mutex<AutoSolver?>(nil)

    public init(native: NativeSolver, hashcat: HashcatSolver?, logger: Logger = Logger(label: "pow.auto")) {
        self.native = native
        self.hashcat = hashcat
        self.logger = logger
    }

    /// The calibrated solver, `nil` until `calibrate()` has finished.
    public var calibration: AutoSolver? { calibrated.withLock { $0 } }

    /// Measures and warms up (see `AutoSolver.calibrate`); later challenges use the result.
    public func calibrate() async {
        let solver = await AutoSolver.calibrate(native: native, hashcat: hashcat, logger: logger)
        calibrated.withLock { $0 = solver }
    }

    public func solve(_ challenge: PowChallenge, deadline: ContinuousClock.Instant) async throws -> Solution {
        if let solver = calibration { return try await solver.solve(challenge, deadline: deadline) }
        return try await native.solve(challenge, deadline: deadline)
    }
}

/// Runs a miner's solver calibration once, in the background, then waits for shutdown (a
/// `ServiceGroup` ends when any of its services returns).
public struct SolverCalibration: Service {
    public let solver: CalibratingSolver

    public init(solver: CalibratingSolver) {
        self.solver = solver
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await solver.calibrate() }
        try? await gracefulShutdown()
    }
}
