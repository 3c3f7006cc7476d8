import ComputeSubnet
import ComputeSubnetBench
import Foundation

extension BenchmarkPlan {
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

