import ArgumentParser
import Foundation

/// `compute-subnet register`: the original register.py — allocate miners' machines to users,
/// list resources and allocations, penalize miners. Without a subcommand on a terminal it
/// opens a prompt that takes the same subcommands.
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Allocate miners' machines to users (the original register.py).",
        subcommands: [
            RegisterAllocateCommand.self, RegisterAllocateHotkeyCommand.self, RegisterDeallocateCommand.self,
            RegisterListAllocationsCommand.self, RegisterListResourcesCommand.self,
            RegisterPenalizeCommand.self, RegisterDepenalizeCommand.self, RegisterListPenaltiesCommand.self,
        ]
    )

    @OptionGroup var options: RegisterOptions

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("give a subcommand (a, a_hotkey, d, list_a, list_r, p_hotkey, dp_hotkey, list_p), or run on a terminal for the prompt")
        }
        // The options given to `register` itself apply to every command typed at the prompt.
        let arguments = CommandLine.arguments
        let shared = arguments.firstIndex(of: "register").map { Array(arguments[($0 + 1)...]) } ?? []
        print("Compute Subnet 27 — register. Commands: a, a_hotkey --hotkey H, d --hotkey H, list_a, list_r,")
        print("p_hotkey --hotkeys A,B, dp_hotkey --hotkeys A,B, list_p, help, exit.")
        while true {
            print("Enter command: ", terminator: "")
            fflush(nil)
            guard let line = readLine() else { break }
            let words = Self.split(line)
            guard let first = words.first else { continue }
            if first == "exit" || first == "quit" { break }
            if first == "help" { print(RegisterCommand.helpMessage()); continue }
            do {
                var command = try RegisterCommand.parseAsRoot(words + shared)
                if var async = command as? AsyncParsableCommand {
                    try await async.run()
                } else {
                    try command.run()
                }
            } catch {
                print(RegisterCommand.message(for: error))
            }
        }
    }

    /// Splits a prompt line into words; single and double quotes group.
    static func split(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character? = nil, inWord = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c; inWord = true
            } else if c.isWhitespace {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(c); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
