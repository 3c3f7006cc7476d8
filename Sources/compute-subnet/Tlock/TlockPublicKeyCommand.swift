import ArgumentParser
import Timelock

/// `tlock public-key`: a local beacon's 96-byte compressed G2 public key in hex — what
/// `tlock encrypt --beacon.public-key` takes.
struct TlockPublicKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key",
        abstract: "Print a local beacon key's 96-byte G2 public key hex.")

    @OptionGroup var key: BeaconKeyOptions

    func run() async throws {
        print(Hex.encode(try key.secretKey().publicKey))
    }
}
