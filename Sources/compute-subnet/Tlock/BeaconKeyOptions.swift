import ArgumentParser
import Timelock

/// Where a local beacon's secret key comes from: `--beacon.secret-key HEX` or
/// `--beacon.secret-key-file PATH` (a file only its owner can read), exactly one of them.
/// The key is a 32-byte big-endian scalar (0 < k < r) in hex, 0x prefix allowed.
struct BeaconKeyOptions: ParsableArguments {
    @Option(name: .customLong("beacon.secret-key"),
            help: "The beacon secret key: 64 hex digits, a big-endian scalar (visible in `ps`; prefer the file).")
    var secretKeyHex: String?

    @Option(name: .customLong("beacon.secret-key-file"),
            help: "A file holding the secret key hex; refused if group or others can access it (chmod 600).")
    var secretKeyFile: String?

    /// The parsed key, or a one-line error saying what is wrong.
    func secretKey() throws(TlockCLIError) -> BeaconSecretKey {
        let text: String
        switch (secretKeyHex, secretKeyFile) {
        case let (hex?, nil): text = hex
        case let (nil, path?): text = try TlockIO.secretKeyFile(path)
        case (nil, nil): throw .secretKeySource("give the beacon secret key with --beacon.secret-key HEX or --beacon.secret-key-file PATH")
        case (_?, _?): throw .secretKeySource("give either --beacon.secret-key or --beacon.secret-key-file, not both")
        }
        let bytes = try TlockIO.hex(text, what: "the beacon secret key", bytes: 32)
        do throws(TimelockError) { return try BeaconSecretKey(bytes: bytes) } catch { throw .timelock(error) }
    }
}
