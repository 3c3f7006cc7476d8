import Foundation

/// A Substrate secret URI: `<phrase or 0xSEED>[//hard][/soft]…[///password]`.
/// An empty phrase means the development phrase (so `//Alice` is the dev account).
struct SecretURI: Sendable, Equatable {
    /// Substrate's `DEV_PHRASE`.
    static let devPhrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"

    enum Junction: Sendable, Equatable {
        case hard([UInt8])
        case soft([UInt8])
    }

    var phrase: String
    var junctions: [Junction]
    var password: String?

    init(_ uri: String) throws(KeyError) {
        var rest = Substring(uri)
        if let range = rest.range(of: "///") {
            password = String(rest[range.upperBound...])
            rest = rest[..<range.lowerBound]
        } else {
            password = nil
        }
        let phraseEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let phraseText = rest[..<phraseEnd].trimmingWhitespace()
        phrase = phraseText.isEmpty ? Self.devPhrase : phraseText
        junctions = []
        var path = rest[phraseEnd...]
        while !path.isEmpty {
            // Each junction is "/name" (soft) or "//name" (hard); names hold no "/".
            path = path.dropFirst()
            let hard = path.first == "/"
            if hard { path = path.dropFirst() }
            let end = path.firstIndex(of: "/") ?? path.endIndex
            let name = path[..<end]
            guard !name.isEmpty else { throw .invalidURI("empty derivation junction in \(uri.redactedURI)") }
            let code = Self.chainCode(String(name))
            junctions.append(hard ? .hard(code) : .soft(code))
            path = path[end...]
        }
    }

    /// Substrate's `DeriveJunction` chain code: the SCALE encoding of the junction (a u64 when
    /// the text is a number, else a compact-length-prefixed string), zero-padded to 32 bytes,
    /// or its BLAKE2b-256 when longer than 32 bytes.
    static func chainCode(_ name: String) -> [UInt8] {
        var encoded: [UInt8]
        if let number = UInt64(name) {
            encoded = withUnsafeBytes(of: number.littleEndian) { Array($0) }
        } else {
            let bytes = Array(name.utf8)
            encoded = compactLength(bytes.count) + bytes
        }
        if encoded.count > 32 { return Blake2b.hash256(encoded) }
        return encoded + [UInt8](repeating: 0, count: 32 - encoded.count)
    }

    /// SCALE compact encoding of a length.
    private static func compactLength(_ n: Int) -> [UInt8] {
        switch n {
        case 0..<64: return [UInt8(n << 2)]
        case 64..<(1 << 14): return [UInt8(truncatingIfNeeded: n << 2 | 1), UInt8(truncatingIfNeeded: n >> 6)]
        case (1 << 14)..<(1 << 30):
            let v = UInt32(n) << 2 | 2
            return withUnsafeBytes(of: v.littleEndian) { Array($0) }
        default:
            var bytes = withUnsafeBytes(of: UInt64(n).littleEndian) { Array($0) }
            while bytes.last == 0 { bytes.removeLast() }
            return [UInt8((bytes.count - 4) << 2 | 3)] + bytes
        }
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
    }
}

extension String {
    /// A URI safe to show in an error: the phrase and password are hidden.
    fileprivate var redactedURI: String {
        var text = Substring(self)
        if let range = text.range(of: "///") { text = text[..<range.lowerBound] }
        guard let slash = text.firstIndex(of: "/") else { return "<secret>" }
        return "<secret>" + text[slash...]
    }
}
