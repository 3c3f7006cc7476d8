import ArgumentParser
import ComputeSubnet
import Foundation

/// `compute-subnet pow`: Generate, solve and verify SN27 proof-of-work challenges.
struct PowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pow",
        abstract: "Generate, solve and verify SN27 proof-of-work challenges.",
        subcommands: [PowGenerateCommand.self, PowSolveCommand.self, PowVerifyCommand.self]
    )
}

/// `pow generate --difficulty L [--json]`
struct PowGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate a challenge (as a validator does) and print it with its password.")

    @Option(help: "Password length L (1…64; the validator uses 6…12).")
    var difficulty: Int

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard (1...64).contains(difficulty) else { throw ValidationError("--difficulty must be between 1 and 64") }
    }

    func run() async throws {
        let issued = ChallengeGenerator(bounds: 1...64).generate(difficulty: difficulty)
        let c = issued.challenge
        if json {
            powPrintJSON(["hash": c.hash, "salt": c.salt, "chars": c.chars, "mask": c.mask, "mode": c.mode,
                          "difficulty": c.difficulty, "password": issued.password])
        } else {
            print("hash:       \(c.hash)\nsalt:       \(c.salt)\nchars:      \(c.chars)\nmask:       \(c.mask)")
            print("mode:       \(c.mode)\ndifficulty: \(c.difficulty)\npassword:   \(issued.password)")
        }
    }
}

/// `pow solve --hash H --salt S --chars C --mask M [--backend …] [--timeout S] [--threads N] [--json]`
struct PowSolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve", abstract: "Find the password of a challenge (exit 1 when not found in time).")

    @Option(parsing: .unconditional, help: "The challenge hash, $BLAKE2$ + 128 hex digits.") var hash: String
    @Option(parsing: .unconditional, help: "The salt.") var salt: String
    @Option(parsing: .unconditional, help: "The custom charset (-1); may start with -.") var chars: String
    @Option(parsing: .unconditional, help: "The mask, ?1 per position; may start with -.") var mask: String
    @Option(help: "native, hashcat or auto.") var backend: SolverBackend = .auto
    @Option(help: "Seconds before giving up.") var timeout: Double = 30
    @Option(help: "Native solver threads (default: all cores).") var threads: Int?
    @OptionGroup var hashcat: HashcatOptions
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        let challenge = PowChallenge(hash: hash, salt: salt, chars: chars, mask: mask, mode: "610",
                                     difficulty: mask.utf8.count / 2)
        let solver = try await makeSolver(backend, threads: threads, hashcat: hashcat.command)
        do {
            let s = try await solver.solve(challenge, timeout: timeout)
            if json {
                powPrintJSON(["password": s.password, "seconds": s.seconds, "backend": s.backend.rawValue, "hashes": s.hashes])
            } else {
                print(s.password)
            }
        } catch let error as SolverError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `pow verify --hash H --salt S --password P` — prints valid/invalid, exit 0/1.
struct PowVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a password against a challenge hash and salt.")

    @Option(parsing: .unconditional, help: "The challenge hash.") var hash: String
    @Option(parsing: .unconditional, help: "The salt.") var salt: String
    @Option(parsing: .unconditional, help: "The password to check; may start with -.") var password: String

    func run() async throws {
        if ChallengeVerifier.matches(password: password, salt: salt, hash: hash) {
            print("valid")
        } else {
            print("invalid")
            throw ExitCode(1)
        }
    }
}

extension SolverBackend: ExpressibleByArgument {}
