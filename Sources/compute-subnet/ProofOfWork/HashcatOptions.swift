import ArgumentParser
import ComputeSubnet
import Foundation

/// hashcat flags shared by `pow solve` and `benchmark`.
struct HashcatOptions: ParsableArguments {
    @Option(name: .customLong("hashcat-path"), help: "The hashcat executable.")
    var path = "hashcat"

    @Option(name: .customLong("workload-profile"), help: "hashcat -w profile, 1…4.")
    var workloadProfile = 3

    @Option(name: .customLong("hashcat-options"), help: "Extra hashcat options (default -O; 'none' for nothing).")
    var options = "-O"

    func validate() throws {
        guard (1...4).contains(workloadProfile) else { throw ValidationError("--workload-profile must be 1, 2, 3 or 4") }
    }

    var command: HashcatCommand {
        HashcatCommand(executable: path, workloadProfile: workloadProfile, options: HashcatCommand.splitOptions(options))
    }
}

/// The solver for a backend. `auto` measures the native rate briefly and assumes hashcat's
/// fixed cost per call (≈2.4 s on a CPU, targets.md) rather than paying a warm-up run.
/// `hashcat` exits 1 with a clear message when hashcat is missing or older than 6.2.6.
func makeSolver(_ backend: SolverBackend, threads: Int?, hashcat: HashcatCommand) async throws -> any Solver {
    let native = NativeSolver(threads: threads)
    switch backend {
    case .native: return native
    case .hashcat:
        let solver = HashcatSolver(command: hashcat)
        do { _ = try await solver.checkVersion() } catch {
            stderrLine("error: \(error)")
            throw ExitCode(1)
        }
        return solver
    case .auto:
        let rate = await native.measureThroughput(seconds: 0.25)
        let hc = HashcatSolver(command: hashcat)
        let present = (try? await hc.checkVersion()) != nil
        return AutoSolver(native: native, hashcat: present ? hc : nil, nativeRate: rate, hashcatStartup: 2.4)
    }
}

/// Prints one JSON object with sorted keys on stdout.
func powPrintJSON(_ object: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
       let text = String(data: data, encoding: .utf8) {
        print(text)
    }
}
