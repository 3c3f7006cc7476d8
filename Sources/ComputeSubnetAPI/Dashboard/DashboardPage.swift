import ComputeSubnet
import Foundation

/// The live dashboard at `/`: the miners (hotkey, specs, score, state) each with its history
/// chart, the last weights, and the open allocations. Server-rendered HTML with inline SVG and
/// CSS; nothing is fetched from elsewhere; the page reloads itself every `refreshSeconds`.
struct DashboardPage {
    let environment: APIEnvironment
    var refreshSeconds = 10

    func render() async throws -> String {
        let env = environment, now = env.now()
        let miners = try await MinerDirectory(environment: env).miners()
        let status = await env.state.status
        let allocations = try await env.store.openRenterAllocations()
        let start = env.window.start(endingAt: now)
        var rows = ""
        for m in miners {
            let history = try await env.store.challengeResults(hotkey: m.hotkey, from: start, to: now)
            let hotkey = HTML.escape(m.hotkey)
            let chart = HistoryChart(results: history, start: start, end: now).svg(label: "history of \(hotkey)")
            rows += """
                <tr data-hotkey="\(hotkey)"><td>\(m.uid)</td><td class="hotkey">\(hotkey)</td>\
                <td>\(HTML.escape(Self.specsSummary(m.specsJSON)))</td><td>\(String(format: "%.4f", m.score))</td>\
                <td>\(m.successRate.map { String(format: "%.0f %%", $0 * 100) } ?? "–")</td>\
                <td>\(m.allocated ? "allocated" : "free")</td><td>\(chart)</td></tr>

                """
        }
        var allocationRows = ""
        for a in allocations {
            allocationRows += """
                <tr><td>\(HTML.escape(a.id))</td><td>\(HTML.escape(a.hotkey))</td><td>\(HTML.escape(a.host)):\(a.port)</td>\
                <td>\(Self.time(a.createdAt))</td><td>\(Self.time(a.expiresAt))</td><td>\(a.state(at: now))</td></tr>

                """
        }
        let w = status.lastWeights
        let weights = w.map { w in
            "last attempt at block \(w.block): \(w.nonZero)/\(w.uids) uids weighted, " +
                (w.commitReveal == true ? "committed (commit-reveal, reveal at block \(Self.text(w.revealBlock, or: "?")))" : "set") +
                (w.error.map { ", refused: \(HTML.escape($0))" } ?? "")
        } ?? "no weights set yet"
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="refresh" content="\(refreshSeconds)">
            <title>SN27 validator \(HTML.escape(status.hotkey))</title>
            <style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;\
            padding:4px 8px;text-align:left;vertical-align:middle}.hotkey{font-family:monospace;font-size:12px}</style>
            </head><body>
            <h1>SN27 validator</h1>
            <p>hotkey <code>\(HTML.escape(status.hotkey))</code>, netuid \(status.netuid), uid \(Self.text(status.uid, or: "–")), \
            block \(Self.text(status.block, or: "–")), version \(HTML.escape(status.version)). \
            Updated \(Self.time(now)); refreshes every \(refreshSeconds) s.</p>
            <h2>Weights</h2><p id="weights">\(weights); last set at block \(Self.text(status.lastWeightsSetBlock, or: "–")).</p>
            <h2>Miners (\(miners.count))</h2>
            <p>Charts: challenge success rate (green) and mean solve time (blue) over the last \(Int(env.window.duration / 3600)) h.</p>
            <table id="miners"><tr><th>uid</th><th>hotkey</th><th>specs</th><th>score</th><th>success</th><th>state</th><th>history</th></tr>
            \(rows)</table>
            <h2>Allocations (\(allocations.count))</h2>
            <table id="allocations"><tr><th>id</th><th>miner</th><th>ssh</th><th>since</th><th>until</th><th>state</th></tr>
            \(allocationRows)</table>
            <p><a href="/openapi.json">API document</a> · <a href="/metrics">metrics</a> · <a href="/status">status</a></p>
            </body></html>
            """
    }

    static func text(_ value: (some CustomStringConvertible)?, or fallback: String) -> String {
        value.map(\.description) ?? fallback
    }

    static func time(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    /// "2 × NVIDIA H100, 32 CPU, 256 GB RAM" from the specs JSON; "no specs" without.
    static func specsSummary(_ json: String?) -> String {
        guard let json, let specs = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return "no specs" }
        var parts: [String] = []
        if let gpu = specs["gpu"] as? [String: Any], let count = gpu["count"] as? Int, count > 0 {
            let name = ((gpu["details"] as? [[String: Any]])?.first?["name"] as? String) ?? "GPU"
            parts.append("\(count) × \(name)")
        }
        if let cpu = specs["cpu"] as? [String: Any], let count = cpu["count"] as? Int { parts.append("\(count) CPU") }
        if let ram = specs["ram"] as? [String: Any], let total = (ram["total"] as? NSNumber)?.doubleValue {
            parts.append(String(format: "%.0f GB RAM", total / 1_073_741_824))
        }
        return parts.isEmpty ? "specs" : parts.joined(separator: ", ")
    }
}
