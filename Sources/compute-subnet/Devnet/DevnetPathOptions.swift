import ArgumentParser
import Bittensor
import BittensorDevnet
import Foundation

/// `--devnet.path`, the devnet's folder (default `~/.bittensor/devnet`, as `SubtensorOptions`).
struct DevnetPathOptions: ParsableArguments {
    @Option(name: .customLong("devnet.path"), help: "The devnet's folder (default ~/.bittensor/devnet).")
    var path: String?

    var resolvedPath: String { NSString(string: path ?? "~/.bittensor/devnet").expandingTildeInPath }

    /// Opens the existing devnet (with this binary's timelock implementation, so the block
    /// producer publishes beacon rounds and reveals commits).
    func open() throws -> DevnetChain { try DevnetChain(path: resolvedPath, timelock: DevnetTimelock.suite) }
}

/// A TAO amount given on the command line ("1", "0.5", "1000.000000001") as rao, parsed from
/// the decimal text so no binary rounding creeps in.
struct TAOAmount: ExpressibleByArgument, Sendable {
    let rao: UInt64

    init?(argument: String) {
        let parts = argument.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = UInt64(parts[0].isEmpty ? "0" : parts[0]) else { return nil }
        var fraction: UInt64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            fraction = UInt64(digits.padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0
        }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: Rao.perToken)
        guard !overflow, scaled + fraction <= UInt64(Int64.max), scaled + fraction > 0 else { return nil }
        rao = scaled + fraction
    }
}

/// Rao as TAO text with up to 9 decimals ("1.5", "100").
func formatTAO(_ rao: UInt64) -> String {
    let whole = rao / Rao.perToken, fraction = rao % Rao.perToken
    guard fraction != 0 else { return "\(whole)" }
    var digits = String(fraction)
    digits = String(repeating: "0", count: 9 - digits.count) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return "\(whole).\(digits)"
}
