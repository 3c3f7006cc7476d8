import ComputeSubnet
import Foundation

/// What `benchmark` runs: difficulties × count, with hashcat settings.
package struct BenchmarkPlan {
    package var difficulties: [Int]
    package var count: Int
    package var command: HashcatCommand

    package init(difficulties: [Int], count: Int, command: HashcatCommand) {
        self.difficulties = difficulties
        self.count = count
        self.command = command
    }

    package static let bounds = 6...12

    /// `6,7,8`, `6 7 8`, `6, 7` or `all`.
    package static func parseDifficulties(_ text: String) throws -> [Int] {
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
    package static func clamp(_ values: [Int], notice: (String) -> Void) -> [Int] {
        var out: [Int] = []
        for v in values.sorted() {
            var c = v
            if v < bounds.lowerBound { notice("Difficulty \(v) is below the minimum. Adjusting it to \(bounds.lowerBound)."); c = bounds.lowerBound }
            if v > bounds.upperBound { notice("Difficulty \(v) is above the maximum. Adjusting it to \(bounds.upperBound)."); c = bounds.upperBound }
            if !out.contains(c) { out.append(c) }
        }
        return out
    }
}

package struct BenchmarkInputError: Error, CustomStringConvertible {
    package var text: String
    package init(text: String) { self.text = text }
    package var description: String { "cannot read difficulties from '\(text)': use e.g. 6,7,8 or all" }
}

