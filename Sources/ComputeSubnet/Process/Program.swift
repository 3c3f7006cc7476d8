import Foundation
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// One run of an outside program (hashcat, docker, iptables, debootstrap, nvidia-smi, python…),
/// the only way this project starts one: stdin closed, a deadline, at most `outputLimit` bytes
/// kept of each stream (the rest is read and dropped, so a chatty program never blocks), and
/// typed failures. At the deadline or on cancellation the program gets SIGTERM, then SIGKILL
/// after `gracePeriod`.
///
/// What a program prints is for this host's operator: callers decide what to log, and nothing of
/// it is ever sent to a remote peer.
///
/// ```swift
/// let output = try await Program("iptables", ["-w", "-L"], timeout: .seconds(10)).run()
/// guard output.succeeded else { … output.combinedText … }
/// ```
public struct Program: Sendable, CustomStringConvertible {
    /// A name looked up in `PATH`, or a path.
    public var executable: String
    public var arguments: [String]
    public var workingDirectory: String?
    /// Variables set (or, with a nil value, removed) on top of this process's environment.
    public var environment: [String: String?]
    public var timeout: Duration
    /// Bytes kept of stdout and of stderr, each.
    public var outputLimit: Int
    /// Between SIGTERM and SIGKILL.
    public var gracePeriod: Duration
    /// When set, everything the program prints (stdout and stderr) is appended to this file
    /// (created 0600) instead of being kept in memory.
    public var logFile: String?

    public init(_ executable: String, _ arguments: [String] = [], workingDirectory: String? = nil,
                environment: [String: String?] = [:], timeout: Duration = .seconds(60),
                outputLimit: Int = 64 << 10, gracePeriod: Duration = .milliseconds(250), logFile: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.timeout = timeout
        self.outputLimit = max(0, outputLimit)
        self.gracePeriod = gracePeriod
        self.logFile = logFile
    }

    public var description: String { ([executable] + arguments).joined(separator: " ") }

    /// Runs the program to its end, the deadline, or cancellation.
    /// - Throws: `ProgramError.notFound` / `.cannotStart` when it never ran; `.cancelled` when the
    ///   calling task was cancelled (the program has been stopped). A program that ran and failed
    ///   or was stopped at its deadline is not an error: see `ProgramOutput`.
    public func run() async throws(ProgramError) -> ProgramOutput {
        let captured = Captured(limit: outputLimit)
        let started = ContinuousClock.now
        do {
            let status: TerminationStatus?
            if let logFile {
                let log = try FileDescriptor.open(FilePath(logFile), .writeOnly, options: [.append, .create, .closeOnExec],
                                                  permissions: [.ownerReadWrite])
                status = try await supervise(started: started, captured: captured) { [self] in
                    try await Subprocess.run(
                        executableReference, arguments: Arguments(arguments), environment: environmentChanges,
                        workingDirectory: workingDirectory.map { FilePath($0) }, platformOptions: platformOptions,
                        input: .none, output: .fileDescriptor(log, closeAfterSpawningProcess: true),
                        error: .combinedWithOutput
                    ).terminationStatus
                }
            } else {
                status = try await supervise(started: started, captured: captured) { [self] in
                    try await Subprocess.run(
                        executableReference, arguments: Arguments(arguments), environment: environmentChanges,
                        workingDirectory: workingDirectory.map { FilePath($0) }, platformOptions: platformOptions,
                        input: .none, output: .sequence, error: .sequence
                    ) { execution in
                        try await withThrowingTaskGroup(of: Void.self) { readers in
                            readers.addTask { for try await chunk in execution.standardOutput { captured.append(chunk, to: .stdout) } }
                            readers.addTask { for try await chunk in execution.standardError { captured.append(chunk, to: .stderr) } }
                            try await readers.waitForAll()
                        }
                    }.terminationStatus
                }
            }
            return captured.output(status: status, elapsed: ContinuousClock.now - started)
        } catch {
            if captured.timedOut && !Task.isCancelled {
                return captured.output(status: nil, elapsed: ContinuousClock.now - started)
            }
            if Task.isCancelled || error is CancellationError { throw .cancelled(program: executable) }
            if let failure = error as? SubprocessError, failure.code == .executableNotFound {
                throw .notFound(executable: executable)
            }
            throw .cannotStart(executable: executable, cause: error)
        }
    }

    /// Runs `body` (the program) against the deadline: the first to finish decides. At the
    /// deadline the program's task is cancelled, and Subprocess stops the program (SIGTERM, then
    /// SIGKILL after the grace period); the result is then nil.
    private func supervise(started: ContinuousClock.Instant, captured: Captured,
                           _ body: @escaping @Sendable () async throws -> TerminationStatus) async throws -> TerminationStatus? {
        let timeout = self.timeout
        return try await withThrowingTaskGroup(of: TerminationStatus?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(until: started + timeout)
                captured.deadlinePassed()
                return nil
            }
            var status: TerminationStatus?
            while let next = try await group.next() {
                if let next { status = next; break }
                group.cancelAll()
            }
            group.cancelAll()
            return status
        }
    }

    private var executableReference: Executable {
        executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
    }

    private var environmentChanges: Environment {
        var overrides: [Environment.Key: String?] = [:]
        for (name, value) in environment { overrides[Environment.Key(stringLiteral: name)] = value }
        return overrides.isEmpty ? .inherit : .inherit.updating(overrides)
    }

    private var platformOptions: PlatformOptions {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: gracePeriod)]
        return options
    }
}

/// The bounded output of one run, filled by the two reader tasks.
private final class Captured: Sendable {
    enum Stream { case stdout, stderr }
    private struct Buffers {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var dropped = 0
        var timedOut = false
    }

    private let buffers = Mutex(Buffers())
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func deadlinePassed() { buffers.withLock { $0.timedOut = true } }
    var timedOut: Bool { buffers.withLock { $0.timedOut } }

    func append(_ chunk: SubprocessOutputSequence.Element, to stream: Stream) {
        chunk.withUnsafeBytes { raw in
            buffers.withLock { b in
                let kept = stream == .stdout ? b.stdout.count : b.stderr.count
                let take = min(raw.count, max(0, limit - kept))
                if take > 0 {
                    if stream == .stdout { b.stdout.append(contentsOf: raw.prefix(take)) } else { b.stderr.append(contentsOf: raw.prefix(take)) }
                }
                b.dropped += raw.count - take
            }
        }
    }

    func output(status: TerminationStatus?, elapsed: Duration) -> ProgramOutput {
        buffers.withLock { b in
            var exitCode: Int32?, signal: Int32?
            switch status {
            case let .exited(code)?: exitCode = code
            case let .signaled(code)?: signal = code
            case nil: break
            }
            return ProgramOutput(exitCode: exitCode, signal: signal, timedOut: b.timedOut, stdout: b.stdout,
                                 stderr: b.stderr, droppedBytes: b.dropped, elapsed: elapsed)
        }
    }
}
