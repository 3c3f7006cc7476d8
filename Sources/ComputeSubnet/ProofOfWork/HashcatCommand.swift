import Foundation

/// How hashcat is invoked for one challenge, and how its output is read.
///
/// `hashcat -a 3 -m 610 --potfile-disable --restore-disable --logfile-disable --session <ours>
///  --outfile-autohex-disable --quiet -w <profile> --runtime <s> --hex-charset -1 <hex chars>
///  [options…] -- '<hash>:<salt>' <mask>`
///
/// Nothing a caller sends can be read as an option or a file: the charset travels hex-encoded
/// (`--hex-charset`, so `/`, `.` and `-` never appear in it), `--` ends option parsing before
/// the positionals, the hash and salt are hex (`ValidatedChallenge`), the mask is `?1` tokens,
/// the mode is always 610, and `HashcatSolver` runs hashcat in a private, empty working directory,
/// so even a relative name cannot resolve to a file (hashcat opens a charset, mask or hash argument
/// as a file when one by that name exists).
///
/// Checked against hashcat 6.2.6: `-1 <chars>` takes the next token verbatim; PoCL on the CPU
/// needs no `--force`. With `--outfile-autohex-disable` a plain that contains `:` is printed as
/// is (`<hash>:<salt>:pa:ss`), so the plain is everything after the `<hash>:<salt>:` prefix;
/// `$HEX[…]` is still decoded in case another build prints it.
public struct HashcatCommand: Sendable, Hashable {
    public var executable: String = "hashcat"
    /// `-w` workload profile, 1…4.
    public var workloadProfile: Int = 3
    /// Extra options, one argv token each (default `-O`, the optimised kernels).
    public var options: [String] = ["-O"]

    public init(executable: String = "hashcat", workloadProfile: Int = 3, options: [String] = ["-O"]) {
        self.executable = executable
        self.workloadProfile = workloadProfile
        self.options = options
    }

    /// Splits an options string into argv tokens (`none` or empty → no options). Single and
    /// double quotes group words.
    public static func splitOptions(_ text: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.lowercased() == "none" { return [] }
        var tokens: [String] = [], current = "", quote: Character? = nil, inToken = false
        for c in trimmed {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c; inToken = true
            } else if c == " " || c == "\t" {
                if inToken { tokens.append(current); current = ""; inToken = false }
            } else {
                current.append(c); inToken = true
            }
        }
        if inToken { tokens.append(current) }
        return tokens
    }

    /// The argv (without the executable) for one challenge.
    public func arguments(for challenge: PowChallenge, session: String, runtimeSeconds: Int) -> [String] {
        ["-a", "3", "-m", "610",
         "--potfile-disable", "--restore-disable", "--logfile-disable", "--session", session,
         "--outfile-autohex-disable", "--quiet",
         "-w", String(workloadProfile), "--runtime", String(max(1, runtimeSeconds)),
         "--hex-charset", "-1", PowChallenge.hex(Array(challenge.chars.utf8))]
            + options
            + ["--", "\(challenge.hash):\(challenge.salt)", challenge.mask]
    }

    /// Whether `challenge` is one this command may pass to hashcat: mode 610, a `?1`-only mask,
    /// a hex hash and salt (`ValidatedChallenge` checks the same for challenges from the wire).
    public static func isSafe(_ challenge: PowChallenge) -> Bool {
        let positions = challenge.mask.utf8.count / 2
        return (challenge.mode.isEmpty || challenge.mode == "610") && challenge.digest != nil
            && positions > 0 && challenge.mask == String(repeating: "?1", count: positions)
            && challenge.salt.utf8.count <= ValidatedChallenge.maximumSaltLength
            && challenge.salt.utf8.allSatisfy(ValidatedChallenge.isHexDigit)
            && !challenge.chars.isEmpty && challenge.chars.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }

    /// The plain of the first output line for this challenge whose hash checks, or nil.
    public static func parsePassword(output: String, challenge: PowChallenge) -> String? {
        let prefix = "\(challenge.hash):\(challenge.salt):".lowercased()
        for rawLine in output.split(whereSeparator: \.isNewline) {  // "\r\n" is one Character
            let line = String(rawLine)
            guard line.lowercased().hasPrefix(prefix) else { continue }
            let plain = decodeHex(String(line.dropFirst(prefix.count)))
            if ChallengeVerifier.matches(password: plain, salt: challenge.salt, hash: challenge.hash) {
                return plain
            }
        }
        return nil
    }

    /// `$HEX[6162]` → `ab`; anything else unchanged.
    public static func decodeHex(_ plain: String) -> String {
        guard plain.hasPrefix("$HEX["), plain.hasSuffix("]") else { return plain }
        let inner = Array(plain.dropFirst(5).dropLast().utf8)
        guard let bytes = PowChallenge.unhex(inner) else { return plain }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `v6.2.6` (or `6.2.6-…`) into (6, 2, 6).
    public static func parseVersion(_ text: String) -> [Int]? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.hasPrefix("v") { t.removeFirst() }
        let core = t.split(whereSeparator: { $0 == "-" || $0 == "+" || $0 == " " }).first.map(String.init) ?? t
        let parts = core.split(separator: ".").map { Int($0) }
        guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.map { $0! }
    }

    /// The minimum version this driver supports.
    public static let minimumVersion = [6, 2, 6]
}
