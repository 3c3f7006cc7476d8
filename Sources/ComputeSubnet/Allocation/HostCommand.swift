import Foundation

/// How the tenant firewall runs a host tool (iptables): through `Program` with a 10 s deadline,
/// keeping at most `outputLimit` bytes of what it printed, and never throwing (a tool that cannot
/// start is status 127). The output is for the miner's log only: it never reaches a remote caller.
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
            let output = try await Program(executable, arguments, timeout: timeout, outputLimit: outputLimit).run()
            return Outcome(status: output.exitCode ?? 128 + (output.signal ?? 0),
                           output: output.combinedText(limit: outputLimit), timedOut: output.timedOut)
        } catch {
            return Outcome(status: 127, output: "\(error)", timedOut: false)
        }
    }
}
