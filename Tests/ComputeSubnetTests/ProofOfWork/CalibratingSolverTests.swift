import Foundation
import ServiceLifecycle
import Testing
@testable import ComputeSubnet

@Suite("Calibrating solver: a miner answers before calibration ends")
struct CalibratingSolverTests {
    /// A hashcat that cannot run, so calibration measures only the native solver.
    static let missingHashcat = HashcatSolver(command: HashcatCommand(executable: "/nonexistent/sn27-hashcat"))

    @Test("before calibration a challenge is solved natively; afterwards the calibrated choice is used")
    func answersBeforeAndAfterCalibration() async throws {
        let solver = CalibratingSolver(native: NativeSolver(threads: 1), hashcat: Self.missingHashcat)
        #expect(solver.calibration == nil)
        let issued = ChallengeGenerator(bounds: 1...12).generate(difficulty: 4)
        let early = try await solver.solve(issued.challenge, timeout: 20)
        #expect(early.password == issued.password)
        #expect(early.backend == .native)

        await solver.calibrate()
        let calibration = try #require(solver.calibration)
        #expect(calibration.nativeRate > 0)
        #expect(calibration.hashcat == nil, "a hashcat that cannot run is not used")
        let late = try await solver.solve(issued.challenge, timeout: 20)
        #expect(late.password == issued.password)
        #expect(calibration.choice(for: issued.challenge) == .native)
    }

    @Test("the calibration service calibrates once and then waits for shutdown instead of ending the group")
    func serviceStaysUntilShutdown() async throws {
        let solver = CalibratingSolver(native: NativeSolver(threads: 1), hashcat: Self.missingHashcat)
        let group = ServiceGroup(services: [SolverCalibration(solver: solver)], logger: .init(label: "test"))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let clock = ContinuousClock(), start = clock.now
            while solver.calibration == nil && clock.now - start < .seconds(30) { try await Task.sleep(for: .milliseconds(20)) }
            #expect(solver.calibration != nil)
            // Still running: a service that returned would have ended the group already.
            try await Task.sleep(for: .milliseconds(200))
            await group.triggerGracefulShutdown()
            try await tasks.next()
        }
    }
}
