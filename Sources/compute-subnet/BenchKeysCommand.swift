import ArgumentParser
import Bittensor
import ComputeSubnetBench
import Foundation

/// `compute-subnet bench keys`: sr25519 sign and verify per second, Swift against the SDK's Rust keypair.
///
/// Both sides sign and verify the same message with the same key, one after the other (never
/// concurrently, so they do not compete for cores); the anchor is `bittensor_wallet.Keypair`
/// (schnorrkel through PyO3) run by the interop venv's Python in the same invocation.
struct BenchKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "sr25519 sign and verify per second, Swift against the SDK's Rust keypair.")

    @Option(help: "Seconds to spend on each measurement (sign and verify, each side).")
    var seconds: Double = 3

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Python with bittensor_wallet installed (default: $INTEROP_PYTHON, else ~/.cache/sn27-interop-venv/bin/python, made by interop/setup.sh).")
    var python: String?

    static let seed = "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a" // //Alice
    static let message = "sn27 bench: a typical dendrite signature message of ordinary length"

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
    }

    func run() async throws {
        let pair = try Keypair(uri: Self.seed)
        let message = Array(Self.message.utf8)
        let signature = try pair.sign(message)

        let swiftSign = try RateMeter.rate(seconds: seconds) { _ = try pair.sign(message) }
        var valid = true
        let swiftVerify = try RateMeter.rate(seconds: seconds) { valid = pair.verify(signature, message: message) && valid }
        guard valid else { throw CLIFailure("a Swift signature failed to verify during the benchmark: the sr25519 code is broken on this machine") }

        let rust = try await KeysAnchor.measure(python: InteropPeers.python(override: python), seconds: seconds, seed: Self.seed, message: Self.message)
        let report = Report(
            seconds: seconds,
            swift: .init(signPerSecond: swiftSign, verifyPerSecond: swiftVerify),
            rust: rust)
        if json {
            try printJSON(report)
        } else {
            print(report.table)
        }
    }

    struct Report: Encodable {
        typealias Rates = KeysAnchor.Rates
        var seconds: Double
        var swift: Rates
        var rust: Rates
        /// Swift's rate over Rust's: 1 = as fast, 0.5 = half as fast (the goal is ≥ 0.5).
        var signRatio: Double { swift.signPerSecond / rust.signPerSecond }
        var verifyRatio: Double { swift.verifyPerSecond / rust.verifyPerSecond }

        enum CodingKeys: String, CodingKey { case seconds, swift, rust, signRatio, verifyRatio }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(seconds, forKey: .seconds)
            try c.encode(swift, forKey: .swift)
            try c.encode(rust, forKey: .rust)
            try c.encode(signRatio, forKey: .signRatio)
            try c.encode(verifyRatio, forKey: .verifyRatio)
        }

        var table: String {
            func f(_ x: Double) -> String { String(format: "%10.0f", x) }
            func r(_ x: Double) -> String { String(format: "%.2f× (Rust is %.2f× faster)", x, 1 / x) }
            return """
                sr25519 (signing context "substrate"), \(seconds) s per measurement
                           Swift/s     Rust/s   Swift ÷ Rust
                sign    \(f(swift.signPerSecond)) \(f(rust.signPerSecond))   \(r(signRatio))
                verify  \(f(swift.verifyPerSecond)) \(f(rust.verifyPerSecond))   \(r(verifyRatio))
                Rust = bittensor_wallet.Keypair (schnorrkel via PyO3, measured from Python in this run)
                """
        }
    }
}
