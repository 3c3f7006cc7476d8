import ArgumentParser

/// `compute-subnet register`: Allocate miners' machines to users (the original register.py).
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Allocate miners' machines to users (the original register.py)."
    )

    func run() async throws {
        throw ValidationError("'register' is not implemented yet")
    }
}
