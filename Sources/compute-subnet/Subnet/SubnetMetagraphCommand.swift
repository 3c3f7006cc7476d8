import ArgumentParser
import Bittensor
import Foundation

/// `compute-subnet subnet metagraph --netuid N [--json]`: the subnet's neurons, as btcli shows them.
struct SubnetMetagraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metagraph", abstract: "Show a subnet's neurons: uid, hotkey, alpha stake, TAO stake, stake weight, permit, trust, incentive, emission, axon.")

    @Option(help: "The subnet's netuid.") var netuid: UInt16
    @Flag(help: "Print JSON instead of a table.") var json = false
    @OptionGroup var subtensor: SubtensorOptions
    @OptionGroup var wallet: WalletOptions

    func run() async throws {
        let chain = try await subtensor.makeSubtensor()
        let metagraph = try await chain.metagraph(netuid: netuid)
        if let client = chain as? SubstrateClient { await client.close() }
        print(json ? MetagraphView.json(metagraph) : MetagraphView.table(metagraph))
    }
}

/// How the metagraph is printed.
enum MetagraphView {
    /// `{"block", "netuid", "tao_weight", "neurons": [{"uid", "hotkey", "coldkey", "alpha_stake" (α),
    /// "tao_stake" (τ), "stake_weight" (α-equivalent: alpha + tao_weight × TAO), "validator_permit",
    /// "trust", "incentive", "dividends", "emission" (whole tokens), "axon": {"ip", "port", "version"}}]}`.
    static func json(_ m: Metagraph) -> String {
        let neurons: [[String: Any]] = m.neurons.map { n in
            [
                "uid": Int(n.uid), "hotkey": n.hotkey, "coldkey": n.coldkey,
                "alpha_stake": n.alpha, "tao_stake": n.tao, "stake_weight": n.stakeWeightAlpha, "trust": n.trust,
                "incentive": n.incentive, "dividends": n.dividends, "emission": Rao.tokens(n.emission),
                "validator_permit": n.validatorPermit,
                "axon": ["ip": n.axon.ip, "port": Int(n.axon.port), "version": Int(n.axon.version)] as [String: Any],
            ]
        }
        let object: [String: Any] = ["block": m.block, "netuid": Int(m.netuid), "tao_weight": m.taoWeight.proportion,
                                     "neurons": neurons]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A btcli-like table.
    static func table(_ m: Metagraph) -> String {
        let header = ["UID", "HOTKEY", "ALPHA(α)", "TAO(τ)", "STAKE_WEIGHT(α)", "PERMIT", "TRUST", "INCENTIVE",
                      "EMISSION(α)", "AXON", "VERSION"]
        let rows: [[String]] = m.neurons.map { n in
            [
                String(n.uid), n.hotkey, String(format: "%.4f", n.alpha), String(format: "%.4f", n.tao),
                String(format: "%.4f", n.stakeWeightAlpha), n.validatorPermit ? "yes" : "-", String(format: "%.5f", n.trust),
                String(format: "%.5f", n.incentive), String(format: "%.6f", Double(n.emission) / 1e9),
                n.axon.isServing ? "\(n.axon.ip):\(n.axon.port)" : "-", n.axon.version == 0 ? "-" : String(n.axon.version),
            ]
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        // Numbers right-aligned, text left-aligned.
        let rightAligned: Set<Int> = [0, 2, 3, 4, 6, 7, 8, 10]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return rightAligned.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ")
        }
        let alpha = m.neurons.reduce(0) { $0 + $1.alpha }, tao = m.neurons.reduce(0) { $0 + $1.tao }
        let weight = m.neurons.reduce(0) { $0 + $1.stakeWeightAlpha }
        let summary = "Metagraph: netuid \(m.netuid), block \(m.block), \(m.neurons.count) neurons, "
            + String(format: "alpha %.4f α, TAO %.4f τ, stake weight %.4f α (alpha + tao_weight × TAO, tao_weight %.4f)",
                     alpha, tao, weight, m.taoWeight.proportion)
        var out = [summary, line(header)]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
