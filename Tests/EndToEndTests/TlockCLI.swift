import Foundation
import Testing
import ComputeSubnetTestSupport

/// Runs `compute-subnet tlock …` (the debug binary `swift build --build-tests` leaves) with bytes
/// on stdin, collecting stdout as bytes. stdin is written on its own thread and a reader that
/// exits early (an oversized input refused) only ends that write; SIGPIPE is ignored for it.
struct TlockCLI {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    let binary: String

    init() throws {
        binary = TestRepository.binary.path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build it first: swift build --build-tests")
        signal(SIGPIPE, SIG_IGN)
    }

    /// `compute-subnet tlock <arguments>` with `stdin` as its standard input.
    func run(_ arguments: [String], stdin: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["tlock"] + arguments
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let collected = Collected()
        let writer = Thread {
            let fd = input.fileHandleForWriting.fileDescriptor
            stdin.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue } else { break } }  // EPIPE: the child stopped reading
                    offset += n
                }
            }
            try? input.fileHandleForWriting.close()
            collected.wrote = true
        }
        let reader = Thread { collected.stderr = err.fileHandleForReading.readDataToEndOfFile() }
        writer.start()
        reader.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished || !writer.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: stdout,
                      stderr: String(decoding: collected.stderr, as: UTF8.self))
    }

    /// Runs and requires exit 0; returns stdout as text.
    @discardableResult
    func ok(_ arguments: [String], stdin: Data = Data(), sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try run(arguments, stdin: stdin)
        try #require(result.status == 0, "tlock \(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.text
    }

    /// Requires a non-zero exit, nothing on stdout and exactly one stderr line containing `phrase`.
    func fails(_ arguments: [String], stdin: Data = Data(), mentioning phrase: String,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try run(arguments, stdin: stdin)
        #expect(result.status != 0, "tlock \(arguments) succeeded", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "tlock \(arguments) printed \(result.stdout.count) bytes", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "tlock \(arguments) stderr: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.localizedCaseInsensitiveContains(phrase), "tlock \(arguments) stderr: \(result.stderr)",
                sourceLocation: sourceLocation)
    }

    /// What the helper threads collected; read only after both finished.
    private final class Collected: @unchecked Sendable {
        var stderr = Data()
        var wrote = false
    }
}
