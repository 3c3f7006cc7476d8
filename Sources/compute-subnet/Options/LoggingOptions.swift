import ArgumentParser
import Logging

/// `--logging.debug` / `--logging.trace` (as the SDK's flags); info level otherwise.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .customLong("logging.debug"), help: "Log debug messages.")
    var debug = false

    @Flag(name: .customLong("logging.trace"), help: "Log everything, including trace messages.")
    var trace = false

    var level: Logger.Level { trace ? .trace : debug ? .debug : .info }

    /// Sends logs to stderr at the chosen level (once per process).
    func bootstrap() {
        let level = self.level
        LoggingBootstrap.once {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}

/// `LoggingSystem.bootstrap` may run only once per process.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false
    static func once(_ body: () -> Void) {
        guard !done else { return }
        done = true
        body()
    }
}
