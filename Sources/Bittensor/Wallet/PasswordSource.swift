import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the password of an encrypted keyfile comes from, tried in order: a literal, a file,
/// the SDK's `BT_PW_<PATH>` environment variable, then a no-echo prompt when stdin is a terminal.
public struct PasswordSource: Sendable {
    var literal: String?
    var file: String?
    var environment: [String: String]
    var interactive: Bool

    /// A fixed password (tests, callers that already hold one).
    public static func literal(_ password: String) -> PasswordSource {
        PasswordSource(literal: password, file: nil, environment: [:], interactive: false)
    }

    /// The first line of `path` (a trailing newline is not part of the password).
    public static func file(_ path: String) -> PasswordSource {
        PasswordSource(literal: nil, file: path, environment: [:], interactive: false)
    }

    /// The `BT_PW_…` variable in `environment`, then, when `prompt` is true and stdin is a
    /// terminal, a no-echo prompt on stderr.
    public static func environment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                   prompt: Bool = true) -> PasswordSource {
        PasswordSource(literal: nil, file: nil, environment: environment, interactive: prompt)
    }

    /// Never yields a password: an encrypted keyfile then fails with `.passwordRequired`.
    public static let none = PasswordSource(literal: nil, file: nil, environment: [:], interactive: false)

    /// The password for the keyfile at `keyfilePath`. With `confirm` (encrypting), a prompt asks twice.
    public func password(for keyfilePath: String, confirm: Bool = false) throws(KeyfileError) -> String {
        if let literal { return literal }
        if let file { return try Self.read(passwordFile: file) }
        let name = Self.environmentVariable(for: keyfilePath)
        if let encoded = environment[name], let password = Self.decode(environmentValue: encoded, name: name) {
            return password
        }
        if interactive, isatty(STDIN_FILENO) == 1 {
            let first = try Self.prompt("Password for \(keyfilePath): ", path: keyfilePath)
            if confirm {
                let second = try Self.prompt("Retype the password: ", path: keyfilePath)
                guard first == second else { throw .passwordMismatch(path: keyfilePath) }
            }
            return first
        }
        throw confirm ? .encryptionPasswordRequired(path: keyfilePath) : .passwordRequired(path: keyfilePath)
    }

    // MARK: - The SDK's environment variable

    /// `BT_PW_` + the keyfile path with `/` and `.` replaced by `_`, upper-cased
    /// (bittensor-wallet `Keyfile.env_var_name`; the path as the SDK builds it, `~` expanded).
    public static func environmentVariable(for keyfilePath: String) -> String {
        "BT_PW_" + keyfilePath.replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: ".", with: "_").uppercased()
    }

    /// The variable's value for `password`: base64 of the password's UTF-8 bytes XOR-ed with the
    /// variable name's bytes (cycled), as `Keyfile.save_password_to_env` writes it.
    public static func environmentValue(password: String, name: String) -> String {
        Data(xor(Array(password.utf8), with: Array(name.utf8))).base64EncodedString()
    }

    /// The password in a `BT_PW_…` value; nil when it is not base64 of UTF-8 after the XOR.
    public static func decode(environmentValue value: String, name: String) -> String? {
        guard let raw = Data(base64Encoded: value) else { return nil }
        return String(validating: xor(Array(raw), with: Array(name.utf8)), as: UTF8.self)
    }

    private static func xor(_ bytes: [UInt8], with key: [UInt8]) -> [UInt8] {
        guard !key.isEmpty else { return bytes }
        return bytes.enumerated().map { $0.element ^ key[$0.offset % key.count] }
    }

    // MARK: - File and terminal

    private static func read(passwordFile path: String) throws(KeyfileError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .passwordFile(path: path, reason: "cannot read it")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw .passwordFile(path: path, reason: "not UTF-8 text")
        }
        if let newline = text.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) { text = String(text[..<newline]) }
        if text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else { throw .passwordFile(path: path, reason: "it is empty") }
        return text
    }

    /// Reads one line from stdin with echo off, restoring the terminal afterwards.
    private static func prompt(_ message: String, path: String) throws(KeyfileError) -> String {
        FileHandle.standardError.write(Data(message.utf8))
        var saved = termios()
        let haveTerm = tcgetattr(STDIN_FILENO, &saved) == 0
        if haveTerm {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        let line = readLine(strippingNewline: true)
        if haveTerm { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        FileHandle.standardError.write(Data("\n".utf8))
        guard let line, !line.isEmpty else { throw .passwordRequired(path: path) }
        return line
    }
}
