import ArgumentParser
import Timelock

/// `tlock encrypt --round R`: plaintext on stdin (≤ 1 MiB), the raw ciphertext as lower-case hex
/// and a newline on stdout, freshly randomised on every call.
struct TlockEncryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encrypt",
        abstract: "Encrypt stdin (≤ 1 MiB) to a drand round; prints the raw ciphertext hex (as get_encrypted_commit_v2 makes it).")

    @Option(help: "The drand round whose signature will open the ciphertext (quicknet: one every 3 s since 2023-08-23).")
    var round: UInt64

    @Option(name: .customLong("beacon.public-key"),
            help: "The beacon's 96-byte compressed G2 public key in hex (default: drand quicknet's).")
    var publicKeyHex: String = Quicknet.publicKeyHex

    func run() async throws {
        guard round >= 1 else { throw TlockCLIError.invalidRound }
        let publicKey = try TlockIO.publicKey(hex: publicKeyHex)
        let plaintext = try TlockIO.readAll(limit: TlockIO.maxPlaintext, what: "plaintext")
        let ciphertext: [UInt8]
        do throws(TimelockError) { ciphertext = try Timelock.encrypt(plaintext, round: round, publicKey: publicKey) } catch {
            throw TlockCLIError.timelock(error)
        }
        try TlockIO.writeStandardOutput(Array((Hex.encode(ciphertext) + "\n").utf8))
    }
}
