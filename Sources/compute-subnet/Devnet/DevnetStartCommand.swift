import ArgumentParser
import BittensorDevnet
import Foundation
import Logging
import ServiceLifecycle

/// `compute-subnet devnet start`: produces blocks in the foreground until SIGINT/SIGTERM.
struct DevnetStartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Produce blocks and run epochs in the foreground until Ctrl-C (SIGINT) or SIGTERM.")

    @OptionGroup var devnet: DevnetPathOptions

    @Option(name: .customLong("devnet.block-time"), help: "Override the block time set at init (seconds).")
    var blockTime: Double?

    @Flag(help: "Print only epochs and events, not every block.")
    var quiet = false

    func run() async throws {
        let chain = try devnet.open()
        // Fail before printing anything when another producer runs (the service takes the lock for real).
        _ = try ProducerLock(path: devnet.resolvedPath)
        var logger = Logger(label: "devnet")
        logger.logLevel = .warning
        let clock = try blockTime.map { try BlockClock(seconds: $0) }
        let stored = try await chain.blockTime()
        let seconds = blockTime ?? stored
        let quiet = quiet
        let service = try await DevnetService(chain: chain, clock: clock, logger: logger) { report, events in
            Self.print(report: report, events: events, quiet: quiet)
        }
        let head = try await chain.currentBlock()
        Swift.print("devnet \(devnet.resolvedPath): block \(head), one block every \(seconds) s (Ctrl-C to stop)")
        Self.flush()
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        Swift.print("devnet stopped at block \(try await chain.currentBlock())")
    }

    static func print(report: BlockReport, events: [DevnetEvent], quiet: Bool) {
        if !quiet || !events.isEmpty { Swift.print("block \(report.block)") }
        for event in events { Swift.print("  \(event.text)") }
        for epoch in report.epochs where epoch.neurons > 0 {
            let top = epoch.incentive.sorted { $0.value > $1.value }.prefix(8)
                .map { "uid \($0.key) \(String(format: "%.4f", $0.value))" }.joined(separator: ", ")
            if !top.isEmpty { Swift.print("  subnet \(epoch.netuid) incentive: \(top)") }
        }
        flush()
    }

    /// Flushes stdout (nil flushes every stream) so piped output shows up block by block.
    static func flush() { fflush(nil) }
}
