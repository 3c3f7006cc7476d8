import Foundation

/// Real child processes for end-to-end tests: the built `compute-subnet` binary and the Python
/// interop peers, each logging to its own file in a scratch folder. Every process started here
/// is stopped by `stopAll()` (SIGTERM, then SIGKILL after a grace period), which tests call in a
/// `defer` so nothing outlives a failing test.
public final class ProcessHarness: @unchecked Sendable {
    /// One started process and its log file (stdout and stderr together).
    public final class Child: @unchecked Sendable {
        public let name: String
        public let process: Process
        public let logPath: String
        public init(name: String, process: Process, logPath: String) {
            self.name = name
            self.process = process
            self.logPath = logPath
        }
        public var pid: Int32 { process.processIdentifier }
        public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
        /// The last `count` lines of the log, for failure messages.
        public func tail(_ count: Int = 15) -> String {
            log.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public typealias Result = CommandRunner.Result

    public let scratch: String
    private let lock = NSLock()
    private var children: [Child] = []

    public static var packageRoot: URL { TestRepository.root }
    public static var binary: String { TestRepository.binary.path }
    /// The interop venv's python (see `TestRepository.interopPython`).
    public static var python: String { TestRepository.interopPython }
    /// The in-repo Python peers, `interop/`.
    public static var interopDirectory: String { TestRepository.interopDirectory.path }

    /// A scratch folder under the temporary directory; requires the built binary.
    public init(prefix: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw Failure(description: "\(Self.binary) is missing; build it first: swift build --build-tests")
        }
        scratch = FileManager.default.temporaryDirectory.path + "/\(prefix)-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: scratch + "/logs", withIntermediateDirectories: true)
    }

    /// Children inherit our environment minus BT_* wallet selection, and crash without the slow
    /// backtracer (a crash is reported by its exit status, not a minute of symbolication).
    private static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BT_") }
        env["SWIFT_BACKTRACE"] = "enable=no"
        return env
    }

    /// Runs a short command to completion (`compute-subnet` unless `executable` is given).
    public func run(_ arguments: [String], executable: String? = nil) throws -> Result {
        try CommandRunner.run(executable ?? Self.binary, arguments, environment: Self.environment)
    }

    /// `compute-subnet <arguments>`, required to succeed; returns stdout.
    @discardableResult
    public func cli(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw Failure(description: "compute-subnet \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Starts a long-running process in the background, logging to `logs/<name>.log`.
    @discardableResult
    public func start(_ name: String, _ arguments: [String], executable: String? = nil) throws -> Child {
        let logPath = scratch + "/logs/\(name).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? Self.binary)
        process.arguments = arguments
        process.environment = Self.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
        let child = Child(name: name, process: process, logPath: logPath)
        lock.withLock { children.append(child) }
        return child
    }

    /// Waits until a line of the child's log matches `pattern` (a regex); returns its capture
    /// groups. Fails early when the child exits first.
    public func waitForLog(_ child: Child, _ pattern: String, timeout: Double) async throws -> [String] {
        let regex = try Regex(pattern)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            for line in child.log.split(separator: "\n") {
                if let match = try regex.firstMatch(in: String(line)) {
                    return (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
                }
            }
            if !child.process.isRunning {
                throw Failure(description: "\(child.name) exited (\(child.process.terminationStatus)) before logging /\(pattern)/:\n\(child.tail())")
            }
            if Date() > deadline {
                throw Failure(description: "\(child.name) did not log /\(pattern)/ within \(timeout) s:\n\(child.tail())")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Polls `condition` until it returns a value or `timeout` passes (then throws, describing `what`).
    public func eventually<T>(_ what: String, timeout: Double, every interval: Double = 0.25,
                       _ condition: () async throws -> T?) async throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        var lastError: (any Error)?
        while true {
            do {
                if let value = try await condition() { return value }
            } catch {
                lastError = error
            }
            if Date() > deadline {
                throw Failure(description: "timed out after \(timeout) s waiting for \(what)"
                              + (lastError.map { " (last error: \($0))" } ?? "") + "\n" + logTails())
            }
            try await Task.sleep(for: .milliseconds(Int64(interval * 1000)))
        }
    }

    /// Sends `signal` and waits up to `grace` seconds; then SIGKILL. Returns how it ended:
    /// `(exited normally, status or signal)`.
    @discardableResult
    public func stop(_ child: Child, signal: Int32 = SIGTERM, grace: Double = 10) -> (exited: Bool, code: Int32) {
        if child.process.isRunning { kill(child.pid, signal) }
        let deadline = Date().addingTimeInterval(grace)
        while child.process.isRunning && Date() < deadline { usleep(20_000) }
        if child.process.isRunning {
            kill(child.pid, SIGKILL)
            child.process.waitUntilExit()
        }
        lock.withLock { children.removeAll { $0 === child } }
        return (child.process.terminationReason == .exit, child.process.terminationStatus)
    }

    /// Stops every child still running (SIGTERM, then SIGKILL after 5 s), newest first.
    public func stopAll() {
        let all = lock.withLock { children }
        for child in all.reversed() where child.process.isRunning { kill(child.pid, SIGTERM) }
        for child in all.reversed() { stop(child, grace: 5) }
    }

    /// The last lines of every child's log.
    public func logTails(_ count: Int = 8) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scratch + "/logs").sorted()) ?? []
        return names.map { name in
            let text = (try? String(contentsOfFile: scratch + "/logs/" + name, encoding: .utf8)) ?? ""
            return "--- \(name)\n" + text.split(separator: "\n").suffix(count).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Stops everything and removes the scratch folder.
    public func cleanUp() {
        stopAll()
        try? FileManager.default.removeItem(atPath: scratch)
    }
}
