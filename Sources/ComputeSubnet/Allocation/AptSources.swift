import Foundation

/// Finds the Debian mirror this machine's apt already uses, read at run time from
/// `/etc/apt/sources.list` and `/etc/apt/sources.list.d/*.{list,sources}` (one-line and deb822 formats),
/// so no mirror host is ever written into the project.
public struct AptSources: Sendable {
    /// One `deb` entry.
    public struct Entry: Sendable, Hashable {
        public var uri: String
        public var suites: [String]
    }

    /// The files read, in apt's order.
    public var files: [String]

    /// - Parameter root: `/etc/apt` normally; tests point it elsewhere.
    public init(root: String = "/etc/apt") {
        var files = ["\(root)/sources.list"]
        let directory = "\(root)/sources.list.d"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        files += names.filter { $0.hasSuffix(".list") || $0.hasSuffix(".sources") }.sorted().map { "\(directory)/\($0)" }
        self.files = files
    }

    /// Every enabled `deb` entry of every file.
    public func entries() -> [Entry] {
        files.flatMap { path -> [Entry] in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return path.hasSuffix(".sources") ? Self.parseDeb822(text) : Self.parseOneLine(text)
        }
    }

    /// The first mirror serving `suite` exactly (e.g. `bookworm`, not `bookworm-security`).
    public func mirror(for suite: String) -> String? {
        entries().first { $0.suites.contains(suite) }?.uri
    }

    /// `deb [options] uri suite component…` lines.
    static func parseOneLine(_ text: String) -> [Entry] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.first == "deb" else { return nil }
            words.removeFirst()
            if words.first?.hasPrefix("[") == true {
                while let word = words.first, !word.hasSuffix("]") { words.removeFirst() }
                if !words.isEmpty { words.removeFirst() }
            }
            guard words.count >= 2 else { return nil }
            return Entry(uri: words[0], suites: [words[1]])
        }
    }

    /// deb822 stanzas: `Types:`, `URIs:`, `Suites:`, `Enabled:`, separated by blank lines.
    static func parseDeb822(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        for stanza in text.components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            for line in stanza.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let words = { (key: String) in (fields[key] ?? "").split(whereSeparator: \.isWhitespace).map(String.init) }
            guard words("types").contains("deb"), fields["enabled"]?.lowercased() != "no" else { continue }
            for uri in words("uris") { entries.append(Entry(uri: uri, suites: words("suites"))) }
        }
        return entries
    }
}
