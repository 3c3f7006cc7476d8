import ComputeSubnet
import Foundation

/// What `benchmark` runs: difficulties × count, with hashcat settings.
struct BenchmarkPlan {
    var difficulties: [Int]
    var count: Int
    var command: HashcatCommand

    static let bounds = 6...12

    /// `6,7,8`, `6 7 8`, `6, 7` or `all`.
    static func parseDifficulties(_ text: String) throws -> [Int] {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.isEmpty || t == "all" { return Array(bounds) }
        let parts = t.split(whereSeparator: { $0 == "," || $0 == " " })
        let values = parts.compactMap { Int($0) }
        guard !values.isEmpty, values.count == parts.count else {
            throw BenchmarkInputError(text: text)
        }
        return values
    }

    /// Sorted, de-duplicated, clamped into 6…12 with a notice per adjusted value.
    static func clamp(_ values: [Int], notice: (String) -> Void) -> [Int] {
        var out: [Int] = []
        for v in values.sorted() {
            var c = v
            if v < bounds.lowerBound { notice("Difficulty \(v) is below the minimum. Adjusting it to \(bounds.lowerBound)."); c = bounds.lowerBound }
            if v > bounds.upperBound { notice("Difficulty \(v) is above the maximum. Adjusting it to \(bounds.upperBound)."); c = bounds.upperBound }
            if !out.contains(c) { out.append(c) }
        }
        return out
    }

    /// The original's four questions, with their defaults.
    static func ask(command: HashcatCommand) -> BenchmarkPlan {
        print("Example 1: 6\nExample 2: 7 8 9\nExample 3: 10, 11, 12\nExample 4: all")
        var difficulties: [Int] = []
        while true {
            let answer = prompt("What challenge difficulties would you like to benchmark? Some examples are listed above. (all): ")
            if let d = try? parseDifficulties(answer) { difficulties = d; break }
            print("Invalid entry.")
        }
        var count = 1
        while true {
            let answer = prompt("How many benchmarks would you like to perform? (1): ")
            if answer.isEmpty { break }
            if let n = Int(answer) { count = max(1, n); break }
            print("Invalid entry.")
        }
        var command = command
        let profile = prompt("What hashcat workload profile (1, 2, 3, or 4) would you like to use? (3): ")
        if let p = Int(profile), (1...4).contains(p) { command.workloadProfile = p }
        else if !profile.isEmpty { print("Invalid entry. Defaulting to workload profile 3."); command.workloadProfile = 3 }
        let options = prompt("Enter any extra hashcat options to use. Leave this empty to use the recommended -O option. Enter None for no extended options. (-O): ")
        command.options = options.isEmpty ? ["-O"] : HashcatCommand.splitOptions(options)
        return BenchmarkPlan(difficulties: difficulties, count: count, command: command)
    }

    private static func prompt(_ text: String) -> String {
        print(text, terminator: "")
        return (readLine() ?? "").trimmingCharacters(in: .whitespaces)
    }
}

struct BenchmarkInputError: Error, CustomStringConvertible {
    var text: String
    var description: String { "cannot read difficulties from '\(text)': use e.g. 6,7,8 or all" }
}

/// A one-line progress bar on stderr (only on a terminal).
enum ProgressBar {
    static func draw(done: Int, total: Int) {
        guard isatty(2) == 1, total > 0 else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)\(done == total ? "\n" : "")".utf8))
    }
}

/// `hashcat -b -m 610`, parsed into hashes per second (summed over devices).
enum HashcatBenchmark {
    static func run(executable: String) async -> Double? {
        guard let output = try? await Program(executable, ["-b", "-m", "610", "--quiet"], timeout: .seconds(300)).run(),
              output.succeeded else { return nil }
        return parse(output.stdoutText)
    }

    /// Sums `Speed.#N.....: 14334.9 kH/s` lines (or takes `Speed.#*` when present).
    static func parse(_ text: String) -> Double? {
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
