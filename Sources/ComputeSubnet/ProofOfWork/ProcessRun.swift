import Foundation

/// Runs a child process to completion, collecting stdout and stderr, and kills it (SIGTERM,
/// then SIGKILL after 250 ms) at the deadline or when the task is cancelled.
enum ProcessRun {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var killedAtDeadline: Bool
    }

    enum Failure: Error, CustomStringConvertible {
        case cannotStart(String)
        case cancelled
        var description: String {
            switch self {
            case .cannotStart(let why): "cannot start: \(why)"
            case .cancelled: "cancelled"
            }
        }
    }

    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }

    static func run(executable: String, arguments: [String], deadline: ContinuousClock.Instant,
                    currentDirectory: String? = nil) async throws -> Result {
        let process = Process()
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        }
        process.arguments = executable.contains("/") ? arguments : [executable] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { p in
            exited.continuation.yield(p.terminationStatus)
            exited.continuation.finish()
        }
        do { try process.run() } catch { throw Failure.cannotStart("\(executable): \(error)") }
        // Drain the pipes while it runs so a chatty child never blocks on a full pipe. Blocking
        // reads run on their own threads: on the cooperative pool they would starve the timer
        // that kills the child (two cores = two pool threads).
        let stdoutTask = Task { await readToEnd(out.fileHandleForReading) }
        let stderrTask = Task { await readToEnd(err.fileHandleForReading) }
        let pid = process.processIdentifier
        let killer = Task {
            try await Task.sleep(until: deadline)
            kill(pid, SIGTERM)
            try await Task.sleep(for: .milliseconds(250))
            kill(pid, SIGKILL)
        }
        let status: Int32 = await withTaskCancellationHandler {
            var status: Int32 = -1
            for await s in exited.stream { status = s }
            return status
        } onCancel: {
            kill(pid, SIGTERM)
            Task { try? await Task.sleep(for: .milliseconds(250)); kill(pid, SIGKILL) }
        }
        let killedAtDeadline = killer.isCancelled == false && ContinuousClock.now >= deadline
        killer.cancel()
        let stdout = String(decoding: await stdoutTask.value, as: UTF8.self)
        let stderr = String(decoding: await stderrTask.value, as: UTF8.self)
        if Task.isCancelled { throw Failure.cancelled }
        return Result(status: status, stdout: stdout, stderr: stderr, killedAtDeadline: killedAtDeadline)
    }
}
