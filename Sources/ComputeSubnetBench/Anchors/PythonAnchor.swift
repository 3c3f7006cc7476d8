import ComputeSubnet
import Foundation

/// A reference implementation timed from Python in the same run as the Swift side: runs
/// `script` with the interop venv's python (through `Program`), and decodes the JSON object the
/// script prints as its last line.
package struct PythonAnchor {
    /// Why the anchor could not be measured; says how to get the venv in place.
    package struct Failure: Error, CustomStringConvertible {
        package enum Reason {
            case cannotRun(ProgramError)
            case failed(ending: String, lastError: String)
            case unreadable(any Error)
        }
        package let name: String
        package let reason: Reason

        package var description: String {
            let help = "`bash interop/setup.sh` makes the interop venv; pass its python with --python or $INTEROP_PYTHON"
            return switch reason {
            case let .cannotRun(error): "the \(name) anchor could not run: \(error); \(help)"
            case let .failed(ending, last): "the \(name) anchor \(ending) (\(last)); \(help)"
            case let .unreadable(error): "the \(name) anchor printed no result this version understands (\(error))"
            }
        }
    }

    package let name: String
    package let python: String
    package var timeout: Duration = .seconds(600)

    package func run<Result: Decodable>(_ script: String, arguments: [String], as _: Result.Type) async throws(Failure) -> Result {
        let output: ProgramOutput
        do {
            output = try await Program(python, ["-c", script] + arguments, timeout: timeout).run()
        } catch {
            throw Failure(name: name, reason: .cannotRun(error))
        }
        guard output.succeeded else {
            let last = output.stderrText.split(separator: "\n").last.map(String.init) ?? ""
            throw Failure(name: name, reason: .failed(ending: output.ending, lastError: last))
        }
        let line = output.stdoutText.split(separator: "\n").last.map(String.init) ?? ""
        do {
            return try JSONDecoder().decode(Result.self, from: Data(line.utf8))
        } catch {
            throw Failure(name: name, reason: .unreadable(error))
        }
    }
}
