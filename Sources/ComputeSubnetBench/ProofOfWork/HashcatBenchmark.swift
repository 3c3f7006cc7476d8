import ComputeSubnet
import Foundation

/// `hashcat -b -m 610`, parsed into hashes per second (summed over devices).
package enum HashcatBenchmark {
    package static func run(executable: String) async -> Double? {
        guard let output = try? await Program(executable, ["-b", "-m", "610", "--quiet"], timeout: .seconds(300)).run(),
              output.succeeded else { return nil }
        return parse(output.stdoutText)
    }

    /// Sums `Speed.#N.....: 14334.9 kH/s` lines (or takes `Speed.#*` when present).
    package static func parse(_ text: String) -> Double? {
        var total = 0.0, star: Double?, found = false
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("Speed.#") {
            let fields = line.split(separator: ":", maxSplits: 1)
            guard fields.count == 2 else { continue }
            let words = fields[1].split(separator: " ")
            guard words.count >= 2, let value = Double(words[0]) else { continue }
            let scale: Double = switch words[1] {
            case "H/s": 1
            case "kH/s": 1e3
            case "MH/s": 1e6
            case "GH/s": 1e9
            case "TH/s": 1e12
            default: 0
            }
            if line.hasPrefix("Speed.#*") { star = value * scale } else { total += value * scale; found = true }
        }
        return star ?? (found ? total : nil)
    }
}
