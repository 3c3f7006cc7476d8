import ArgumentParser
import Bittensor
import BittensorDevnet
import Foundation

/// `compute-subnet devnet status`: block, neurons, stake, weights, incentive, emission.
struct DevnetStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the block and every subnet's neurons, stake, weights, incentive and emission.")

    @OptionGroup var devnet: DevnetPathOptions

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    func run() async throws {
        let status = try await devnet.open().status()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(Self.render(status))
        }
    }

    /// The human-readable tables.
    static func render(_ status: DevnetStatus) -> String {
        var out = "block \(status.block) (one block every \(status.blockTime) s)\n"
        if let beacon = status.beacon {
            out += "beacon: round \(status.lastStoredRound ?? 0) published, one round every \(beacon.period) s, public key \(Hex.encode(beacon.publicKey).prefix(16))…\n"
        }
        for subnet in status.subnets {
            let p = subnet.parameters
            let next = (0...UInt64(p.tempo)).first { p.isEpochBlock(status.block + $0 + 1) }.map { $0 + 1 }
            out += "\nsubnet \(p.netuid): \(subnet.neurons.count)/\(p.maxAllowedUids) neurons, tempo \(p.tempo)"
            out += p.commitRevealEnabled ? ", commit-reveal on (reveal after \(p.revealPeriodEpochs) epoch(s))" : ", commit-reveal off"
            out += next.map { ", next epoch in \($0) blocks" } ?? ""
            out += "\n"
            out += pad("uid", 4) + "  " + pad("hotkey", 13, left: true) + pad("alpha α", 14) + pad("TAO τ", 14)
                + pad("weight α", 14) + pad("permit", 7)
                + pad("trust", 8) + pad("v-trust", 8) + pad("incentive", 10) + pad("dividends", 10)
                + pad("emission τ", 14) + "  axon\n"
            for n in subnet.neurons {
                out += pad("\(n.uid)", 4) + "  " + pad(shortAddress(n.hotkey), 13, left: true)
                    + pad(formatTAO(n.alphaStake), 14) + pad(formatTAO(n.taoStake), 14)
                    + pad(formatTAO(n.stakeWeight), 14) + pad(n.validatorPermit ? "yes" : "-", 7)
                    + pad(fixed(n.trust), 8) + pad(fixed(n.validatorTrust), 8) + pad(fixed(n.incentive), 10)
                    + pad(fixed(n.dividends), 10) + pad(formatTAO(n.emission), 14)
                    + "  " + (n.axon.isServing ? "\(n.axon.ip):\(n.axon.port)" : "-") + "\n"
            }
            let rows = subnet.weights.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
            if !rows.isEmpty { out += "weights:\n" }
            for (uid, row) in rows {
                let entries = row.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
                    .map { "\($0.key): \(fixed($0.value))" }.joined(separator: ", ")
                out += "  uid \(uid) → \(entries)\n"
            }
        }
        return out
    }

    static func fixed(_ x: Double) -> String { String(format: "%.4f", x) }

    static func shortAddress(_ address: String) -> String {
        address.count > 12 ? "\(address.prefix(6))…\(address.suffix(4))" : address
    }

    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(1, width - text.count + 1))
        return left ? text + gap : gap + text
    }
}

/// `compute-subnet devnet advance`: produce blocks at once (scripts and tests; refused while
/// `devnet start` runs, so the two never race).
struct DevnetAdvanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Produce N blocks now (only while no `devnet start` runs).")

    @OptionGroup var devnet: DevnetPathOptions

    @Option(help: "How many blocks.")
    var blocks: Int = 1

    func run() async throws {
        let chain = try devnet.open()
        let lock = try ProducerLock(path: devnet.resolvedPath)
        defer { withExtendedLifetime(lock) {} }
        for report in try await chain.advance(blocks: blocks) {
            DevnetStartCommand.print(report: report, events: [], quiet: true)
            _ = report
        }
        print("block \(try await chain.currentBlock())")
    }
}
