@testable import ComputeSubnet
import Foundation
import Testing

/// The one process runner: real programs from the base system, no stand-ins.
@Suite struct ProgramTests {
    @Test func collectsOutputAndExitStatus() async throws {
        let output = try await Program("sh", ["-c", "printf out; printf err >&2; exit 3"]).run()
        #expect(output.exitCode == 3)
        #expect(output.stdoutText == "out")
        #expect(output.stderrText == "err")
        #expect(!output.succeeded)
        #expect(output.ending == "exited with status 3")
    }

    @Test func stdinIsClosed() async throws {
        // `cat` with an open stdin would wait for ever; with stdin closed it ends at once.
        let output = try await Program("cat", timeout: .seconds(20)).run()
        #expect(output.succeeded)
        #expect(output.stdout.isEmpty)
    }

    @Test func aMissingProgramIsATypedError() async throws {
        await #expect {
            _ = try await Program("sn27-no-such-program-\(UInt32.random(in: 0...UInt32.max))").run()
        } throws: { error in
            guard case .notFound = error as? ProgramError else { return false }
            return true
        }
        await #expect {
            _ = try await Program("/nonexistent/dir/tool").run()
        } throws: { error in
            switch error as? ProgramError {
            case .notFound?, .cannotStart?: true
            default: false
            }
        }
    }

    @Test func outputBeyondTheLimitIsReadAndDropped() async throws {
        // 8 MiB on stdout: the program is never blocked on a full pipe, and only 1 KiB is kept.
        let output = try await Program("head", ["-c", "8388608", "/dev/zero"], timeout: .seconds(60), outputLimit: 1024).run()
        #expect(output.succeeded)
        #expect(output.stdout.count == 1024)
        #expect(output.droppedBytes == 8_388_608 - 1024)
    }

    @Test func theDeadlineStopsTheProgram() async throws {
        let output = try await Program("sleep", ["60"], timeout: .milliseconds(300)).run()
        #expect(output.timedOut)
        #expect(output.signal == SIGTERM)
        #expect(output.elapsed < .seconds(30))
        #expect(output.ending == "stopped at its deadline")
    }

    /// Whatever state its output is in, a program is gone when `run()` returns at its deadline.
    @Test(arguments: ["exec sleep 60", "exec >/dev/null 2>&1; exec sleep 60", "trap 'sleep 2; exit 0' TERM; sleep 60 & wait"])
    func theProgramIsGoneAfterItsDeadline(script: String) async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("sn27-program-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        let output = try await Program("sh", ["-c", "echo $$ > '\(marker.path)'; \(script)"], timeout: .milliseconds(700)).run()
        #expect(output.timedOut)
        let pid = try #require(Int32(try String(contentsOf: marker, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, 0) == -1, "process \(pid) still exists after run() returned")
    }

    @Test func aProgramIgnoringSIGTERMIsKilled() async throws {
        let script = "trap '' TERM; echo ready; sleep 60 & wait; sleep 60"
        let output = try await Program("sh", ["-c", script], timeout: .milliseconds(500),
                                       gracePeriod: .milliseconds(200)).run()
        #expect(output.timedOut)
        #expect(output.signal == SIGKILL)
        #expect(output.stdoutText == "ready\n")
    }

    @Test func cancellationStopsTheProgramAndThrows() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("sn27-program-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        let task = Task {
            try await Program("sh", ["-c", "echo $$ > '\(marker.path)'; exec sleep 60"], timeout: .seconds(120)).run()
        }
        var pid: Int32?
        for _ in 0..<200 where pid == nil {
            try await Task.sleep(for: .milliseconds(20))
            pid = (try? String(contentsOf: marker, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let running = try #require(pid)
        task.cancel()
        await #expect {
            _ = try await task.value
        } throws: { error in
            guard case .cancelled = error as? ProgramError else { return false }
            return true
        }
        // Gone (reaped): signal 0 finds no such process.
        #expect(kill(running, 0) == -1)
    }

    @Test func environmentAndWorkingDirectory() async throws {
        let dir = FileManager.default.temporaryDirectory.path
        let output = try await Program("sh", ["-c", "printf '%s|%s|%s' \"$SN27_A\" \"${HOME-unset}\" \"$(pwd -P)\""],
                                       workingDirectory: dir, environment: ["SN27_A": "x y", "HOME": nil]).run()
        let fields = output.stdoutText.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(fields.count == 3)
        #expect(fields.first == "x y")
        #expect(fields.dropFirst().first == "unset")
        #expect(fields.last == URL(fileURLWithPath: dir).resolvingSymlinksInPath().path)
    }
}
