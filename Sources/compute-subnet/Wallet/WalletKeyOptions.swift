import ArgumentParser
import Bittensor
import Foundation

/// The flags every `wallet` subcommand accepts besides `--wallet.*`: password handling,
/// JSON output and overwriting. Subcommands ignore the ones that do not apply to them.
struct WalletKeyOptions: ParsableArguments {
    @Flag(name: .customLong("no-password"), help: "Write the key unencrypted (no $NACL password).")
    var noPassword = false

    @Option(name: .customLong("password-file"), help: "Read the keyfile password from the first line of this file.")
    var passwordFile: String?

    @Flag(name: .customLong("json"), help: "Print the result as one JSON object.")
    var json = false

    @Flag(name: .customLong("overwrite"), help: "Replace existing key files.")
    var overwrite = false

    /// Where a password to decrypt comes from: the file, else `BT_PW_…`, else a prompt.
    var passwordSource: PasswordSource {
        if let passwordFile { return .file(passwordFile) }
        return .environment()
    }

    /// The password to encrypt a new coldkey with, or nil for `--no-password`.
    func encryptionPassword(for file: Keyfile) throws -> String? {
        if noPassword { return nil }
        return try passwordSource.password(for: file.path, confirm: true)
    }
}

/// Prints `object` as one line of JSON (keys sorted; nil values as `null`).
func printJSON(_ object: [String: Any?]) {
    let dict = object.mapValues { $0 ?? NSNull() }
    let data = try! JSONSerialization.data(withJSONObject: dict, options: [.sortedKeys, .withoutEscapingSlashes])
    print(String(decoding: data, as: UTF8.self))
}

/// Writes one line to stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
