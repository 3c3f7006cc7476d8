/// Masks secrets in text headed for the operator's log (tool output, error details).
///
/// Callers never see tool output at all; the log does, so anything that looks like key material
/// is replaced: PEM blocks, runs of 32 or more hex digits (seeds, private keys, digests), runs of
/// 40 or more base64 characters, and the value after `password`/`secret`/`mnemonic`/`private`.
public enum LogRedaction {
    /// The replacement text.
    public static let mask = "[redacted]"

    /// `text` with secrets masked, cut to `limit` characters.
    public static func redact(_ text: String, limit: Int = 2_000) -> String {
        var out = ""
        var rest = Substring(text.prefix(limit))
        while let begin = rest.range(of: "-----BEGIN ") {
            out += rest[..<begin.lowerBound]
            out += mask
            if let end = rest[begin.upperBound...].range(of: "-----END "),
               let close = rest[end.upperBound...].range(of: "-----") {
                rest = rest[close.upperBound...]
            } else {
                rest = ""
            }
        }
        out += rest
        return maskWords(out)
    }

    private static func maskWords(_ text: String) -> String {
        var result: [Substring] = []
        var maskNext = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if maskNext, !word.isEmpty { result.append(Substring(mask)); maskNext = false; continue }
            let lower = word.lowercased()
            let keyword = ["password", "secret", "mnemonic", "private"].contains { lower.contains($0) }
            if keyword, let eq = word.firstIndex(where: { $0 == "=" || $0 == ":" }), word.index(after: eq) < word.endIndex {
                result.append(word[...eq] + mask)
                continue
            }
            if keyword { maskNext = true }
            result.append(looksSecret(word) ? Substring(mask) : word)
        }
        return result.joined(separator: " ")
    }

    private static func looksSecret(_ word: Substring) -> Bool {
        var hexRun = 0, b64Run = 0
        for c in word.utf8 {
            let hex = (0x30...0x39).contains(c) || (0x61...0x66).contains(c) || (0x41...0x46).contains(c)
            let b64 = hex || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x2B || c == 0x2F || c == 0x3D
            hexRun = hex ? hexRun + 1 : 0
            b64Run = b64 ? b64Run + 1 : 0
            if hexRun >= 32 || b64Run >= 40 { return true }
        }
        return false
    }
}
