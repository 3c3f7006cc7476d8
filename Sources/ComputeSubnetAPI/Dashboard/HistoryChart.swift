import ComputeSubnet
import Foundation

/// A miner's challenge history over the window as an inline SVG: success rate (green, 0–100 %)
/// and mean solve time (blue, scaled to the slowest bucket) per time bucket. Nothing external.
struct HistoryChart {
    var results: [ChallengeRecord]
    var start: Date
    var end: Date
    var buckets = 24
    var width = 360.0
    var height = 80.0

    struct Bucket { var attempts = 0, successes = 0; var elapsed: [Double] = [] }

    /// The charted span: the window, narrowed to begin at the first result in it (a young
    /// validator's hour of history would otherwise be one point at the right edge).
    var from: Date { max(start, results.map(\.createdAt).min() ?? start) }

    func bucketed() -> [Bucket] {
        var out = Array(repeating: Bucket(), count: buckets)
        let start = from
        let span = max(end.timeIntervalSince(start), 1)
        for r in results {
            let i = min(buckets - 1, max(0, Int(Double(buckets) * r.createdAt.timeIntervalSince(start) / span)))
            out[i].attempts += 1
            if r.success { out[i].successes += 1; if let e = r.elapsed, e.isFinite { out[i].elapsed.append(e) } }
        }
        return out
    }

    /// The `<svg>` element; `label` (already escaped) names it for assistive technology.
    func svg(label: String) -> String {
        let data = bucketed()
        let step = width / Double(buckets - 1)
        let maxElapsed = data.compactMap { $0.elapsed.isEmpty ? nil : $0.elapsed.reduce(0, +) / Double($0.elapsed.count) }.max() ?? 0
        func y(_ fraction: Double) -> String { String(format: "%.1f", height - 4 - fraction * (height - 8)) }
        var rate: [String] = [], time: [String] = [], dots = ""
        for (i, b) in data.enumerated() where b.attempts > 0 {
            let x = String(format: "%.1f", Double(i) * step), rateY = y(Double(b.successes) / Double(b.attempts))
            rate.append("\(x),\(rateY)")
            dots += ##"<circle cx="\##(x)" cy="\##(rateY)" r="2.5" fill="#2a2"/>"##
            if !b.elapsed.isEmpty, maxElapsed > 0 {
                time.append("\(x),\(y(b.elapsed.reduce(0, +) / Double(b.elapsed.count) / maxElapsed))")
            }
        }
        let total = results.count, ok = results.filter(\.success).count
        var svg = """
            <svg class="history-chart" xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(label)">\
            <title>\(label): \(ok)/\(total) challenges solved; slowest mean \(String(format: "%.2f", maxElapsed)) s</title>\
            <rect width="100%" height="100%" fill="#f7f7f7"/>
            """
        if rate.isEmpty {
            svg += ##"<text x="8" y="44" font-size="12" fill="#888">no challenges in the window</text>"##
        }
        if !rate.isEmpty {
            svg += ##"<polyline class="success-rate" fill="none" stroke="#2a2" stroke-width="2" points="\##(rate.joined(separator: " "))"/>"##
        }
        if !time.isEmpty {
            svg += ##"<polyline class="solve-time" fill="none" stroke="#36c" stroke-width="1.5" points="\##(time.joined(separator: " "))"/>"##
        }
        return svg + dots + "</svg>"
    }
}

/// HTML escaping for text and attribute values.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
