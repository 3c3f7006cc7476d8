import ArgumentParser
import Timelock

/// `tlock decrypt --signature S`: ciphertext hex on stdin (surrounding whitespace allowed, so
/// `tlock encrypt | tlock decrypt` pipes), exactly the plaintext bytes on stdout. Any failure —
/// malformed hex, a truncated or altered ciphertext, another round's signature — prints one line
/// on stderr, nothing on stdout, and exits 1.
struct TlockDecryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Decrypt a ciphertext (hex on stdin) with its round's beacon signature; prints the plaintext bytes.")

    @Option(help: "The beacon's 48-byte compressed G1 signature of the ciphertext's round, in hex (drand's `signature` field).")
    var signature: String

    func run() async throws {
        let signatureBytes = try TlockIO.signature(hex: signature)
        let input = try TlockIO.readAll(limit: TlockIO.maxCiphertextHex, what: "ciphertext hex")
        let text = String(decoding: input, as: UTF8.self)
        guard !text.trimmingWhitespace.isEmpty else { throw TlockCLIError.emptyInput(what: "ciphertext hex") }
        let ciphertext = try TlockIO.hex(text, what: "the ciphertext on stdin")
        let plaintext: [UInt8]
        do throws(TimelockError) { plaintext = try Timelock.decrypt(ciphertext, signature: signatureBytes) } catch {
            throw TlockCLIError.timelock(error)
        }
        try TlockIO.writeStandardOutput(plaintext)
    }
}
