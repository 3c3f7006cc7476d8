import Foundation

/// Runs one host tool (iptables) to completion with a deadline and keeps at most `outputLimit`
/// bytes of what it printed. The output is for the miner's log only: it never reaches a remote caller.
struct HostCommand: Sendable {
    /// What a finished command left behind.
    struct Outcome: Sendable, Hashable {
        var status: Int32
        /// stdout then stderr, cut to the limit.
        var output: String
        var timedOut: Bool
        var succeeded: Bool { status == 0 && !timedOut }
    }

    var timeout: Duration = .seconds(10)
    var outputLimit = 2048

    /// Runs `executable` (an absolute path, or a name looked up in PATH) with `arguments`.
    func run(_ executable: String, _ arguments: [String]) async -> Outcome {
        do {
            let result = try await ProcessRun.run(executable: executable, arguments: arguments,
                                                  deadline: .now + timeout)
            return Outcome(status: result.status, output: bounded(result.stdout + result.stderr),
                           timedOut: result.killedAtDeadline)
        } catch {
            return Outcome(status: 127, output: bounded("\(error)"), timedOut: false)
        }
    }

    private func bounded(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count > outputLimit else { return trimmed }
        return String(decoding: trimmed.utf8.prefix(outputLimit), as: UTF8.self) + "…"
    }
}
