import ArgumentParser
import BLS12381
import ComputeSubnetBench
import Foundation
import Timelock

/// `compute-subnet bench tlock`: pairing, hash-to-G1, tlock encrypt and decrypt per CPU second in
/// Swift, and pairing and hash-to-G1 by arkworks (py-arkworks-bls12381 in the interop venv)
/// measured one after the other in the same run, with the ratio against the goal (pairing
/// within 3× of arkworks).
struct BenchTlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tlock",
        abstract: "BLS12-381 pairing, hash-to-G1 and tlock encrypt/decrypt per second, Swift against arkworks.")

    @Option(help: "Calls per batch (each figure is the best of 5 batches, thread CPU time).")
    var iterations = 30

    @Option(help: "Python with py_arkworks_bls12381 (default: $INTEROP_PYTHON, else ~/.cache/sn27-interop-venv/bin/python, made by interop/setup.sh).")
    var python: String?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    static let batches = 5
    static let plaintextBytes = 64

    func validate() throws {
        guard (1...100_000).contains(iterations) else { throw ValidationError("--iterations must be in 1...100000") }
    }

    func run() async throws {
        let swift = try Self.measureSwift(iterations: iterations)
        let interpreter = InteropPeers.python(override: python)
        let anchor = try await ArkworksAnchor.measure(python: interpreter, iterations: iterations, batches: Self.batches)
        let report = BenchTlockReport(
            iterations: iterations, batches: Self.batches, plaintextBytes: Self.plaintextBytes,
            debugBuild: _isDebugAssertConfiguration(), python: interpreter, swift: swift,
            arkworks: .init(pairingPerSecond: 1 / anchor.pairingSeconds, hashToG1PerSecond: 1 / anchor.hashToG1Seconds))
        if json {
            try printJSON(report)
        } else {
            print(report.table)
        }
    }

    /// The Swift side, on this thread: the same pairing inputs as the anchor (12345·G1, 2·G2),
    /// hash-to-G1 of quicknet round messages, tlock of a 64-byte plaintext to a fresh beacon key.
    static func measureSwift(iterations n: Int) throws -> BenchTlockReport.SwiftRates {
        let p = G1Point.generator.multiplied(by: Scalar(reducingBigEndian: [UInt8](repeating: 0, count: 30) + [0x30, 0x39]))
        let q = G2Point.generator.doubled()
        let pairing = ThreadCPUBench.secondsPerCall(iterations: n) { _ = Pairing.pairing(p, q) }
        var round: UInt64 = 0
        let hash = ThreadCPUBench.secondsPerCall(iterations: n) {
            round += 1
            _ = HashToG1.hash(BeaconSecretKey.message(forRound: round), dst: BLS.quicknetDST)
        }
        let beacon = BeaconSecretKey()
        let publicKey = beacon.publicKey
        let signature = beacon.sign(round: 1000)
        let plaintext = [UInt8](repeating: 7, count: plaintextBytes)
        let ciphertext = try Timelock.encrypt(plaintext, round: 1000, publicKey: publicKey)
        let encrypt = try ThreadCPUBench.secondsPerCall(iterations: n) {
            _ = try Timelock.encrypt(plaintext, round: 1000, publicKey: publicKey)
        }
        var opened = true
        let decrypt = try ThreadCPUBench.secondsPerCall(iterations: n) {
            opened = try Timelock.decrypt(ciphertext, signature: signature) == plaintext && opened
        }
        guard opened else { throw CLIFailure("a tlock ciphertext did not decrypt to its plaintext during the benchmark: the timelock code is broken on this machine") }
        return .init(pairingPerSecond: 1 / pairing, hashToG1PerSecond: 1 / hash,
                     encryptPerSecond: 1 / encrypt, decryptPerSecond: 1 / decrypt)
    }
}
