import ArgumentParser
import Timelock

/// `tlock sign --round R`: a local beacon's round signature (`bls-unchained-g1-rfc9380`, as drand
/// quicknet signs), 48 bytes in hex — what `tlock decrypt --signature` takes.
struct TlockSignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a round with a local beacon key (quicknet scheme); prints the 48-byte signature hex.")

    @OptionGroup var key: BeaconKeyOptions

    @Option(help: "The round to sign (≥ 1).")
    var round: UInt64

    func run() async throws {
        guard round >= 1 else { throw TlockCLIError.invalidRound }
        let secret = try key.secretKey()
        print(Hex.encode(secret.sign(round: round)))
    }
}
