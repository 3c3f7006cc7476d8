import Foundation

/// What a program left behind: how it ended and the first bytes of what it printed.
public struct ProgramOutput: Sendable, Hashable {
    /// Its exit status, when it exited on its own.
    public var exitCode: Int32?
    /// The signal that ended it, when one did (SIGTERM/SIGKILL at the deadline among them).
    public var signal: Int32?
    /// True when the deadline passed before it ended (it was then stopped).
    public var timedOut: Bool
    /// The first `outputLimit` bytes of each stream.
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    /// Bytes read beyond the limits and dropped.
    public var droppedBytes: Int
    public var elapsed: Duration

    public init(exitCode: Int32?, signal: Int32?, timedOut: Bool, stdout: [UInt8], stderr: [UInt8],
                droppedBytes: Int, elapsed: Duration) {
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.stdout = stdout
        self.stderr = stderr
        self.droppedBytes = droppedBytes
        self.elapsed = elapsed
    }

    /// Exited 0 before its deadline.
    public var succeeded: Bool { exitCode == 0 && !timedOut }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// stdout then stderr, trimmed and cut to `limit` bytes: for the operator's log.
    public func combinedText(limit: Int = 2048) -> String {
        let text = (stdoutText + stderrText).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count > limit else { return text }
        return String(decoding: text.utf8.prefix(limit), as: UTF8.self) + "…"
    }

    /// How it ended, in words.
    public var ending: String {
        if timedOut { return "stopped at its deadline" }
        if let exitCode { return "exited with status \(exitCode)" }
        if let signal { return "killed by signal \(signal)" }
        return "ended"
    }
}
