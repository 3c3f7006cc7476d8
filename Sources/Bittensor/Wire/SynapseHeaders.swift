/// The `bt_header_*` HTTP headers of a synapse (`Synapse.to_headers()` / `from_headers()`).
///
/// Header names are lower-case with underscores. Values are Python `str()` of each set
/// TerminalInfo field, axon first, then dendrite.
public struct SynapseHeaders: Sendable, Hashable {
    /// The `name` header (informational; routing uses the path).
    public var name: String?
    /// The `timeout` header, seconds (`float()` in Python); 12 when absent.
    public var timeout: Double = 12.0
    public var axon = TerminalInfo()
    public var dendrite = TerminalInfo()
    /// The `computed_body_hash` header (hex, no `0x`), nil when absent.
    public var computedBodyHash: String?
    public var totalSize: Int = 0
    public var headerSize: Int = 0

    public init() {}

    /// The header values of `synapse`, as the SDK's `to_headers()` (with sizes as given).
    public init<S: Synapse>(of synapse: S, computedBodyHash: String? = nil) {
        name = S.name
        timeout = synapse.base.timeout
        axon = synapse.base.axon
        dendrite = synapse.base.dendrite
        totalSize = synapse.base.totalSize
        headerSize = synapse.base.headerSize
        self.computedBodyHash = computedBodyHash ?? BodyHash.compute(synapse)
    }

    /// The header list in the SDK's order.
    public var fields: [(name: String, value: String)] {
        var out: [(name: String, value: String)] = []
        out.reserveCapacity(24)
        if let name { out.append(("name", name)) }
        out.append(("timeout", PythonString.repr(.double(timeout))))
        for (k, v) in axon.headerPairs { out.append(("bt_header_axon_" + k, Self.headerSafe(v))) }
        for (k, v) in dendrite.headerPairs { out.append(("bt_header_dendrite_" + k, Self.headerSafe(v))) }
        out.append(("header_size", String(headerSize)))
        out.append(("total_size", String(totalSize)))
        if let computedBodyHash { out.append(("computed_body_hash", computedBodyHash)) }
        return out
    }

    /// A header value cannot carry CR or LF; replace them (status messages are free text).
    static func headerSafe(_ v: String) -> String {
        guard v.utf8.contains(where: { $0 == 0x0a || $0 == 0x0d }) else { return v }
        return String(v.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    /// Parses request or response headers (names case-insensitive). Unknown headers are ignored;
    /// a value that does not parse (a non-numeric nonce, a bad timeout) throws, which the axon
    /// answers with 400 as the SDK does.
    public init(parsing headers: some Sequence<(name: String, value: String)>) throws(WireError) {
        self.init()
        for (rawName, value) in headers {
            let name = Self.lowercased(rawName)
            switch name {
            case "name": self.name = value
            case "timeout":
                guard let t = Double(value.trimmingASCIIWhitespace()) else { throw WireError(.badHeader(name: name, value: value)) }
                timeout = t
            case "computed_body_hash": computedBodyHash = value
            case "total_size":
                guard let v = Int(value.trimmingASCIIWhitespace()) else { throw WireError(.badHeader(name: name, value: value)) }
                totalSize = v
            case "header_size":
                guard let v = Int(value.trimmingASCIIWhitespace()) else { throw WireError(.badHeader(name: name, value: value)) }
                headerSize = v
            default:
                if name.hasPrefix("bt_header_dendrite_") {
                    let key = String(name.dropFirst(19))
                    do { try dendrite.set(.string(value), forKey: key) } catch { throw WireError(.badHeader(name: name, value: value)) }
                } else if name.hasPrefix("bt_header_axon_") {
                    let key = String(name.dropFirst(15))
                    do { try axon.set(.string(value), forKey: key) } catch { throw WireError(.badHeader(name: name, value: value)) }
                }
            }
        }
    }

    private static func lowercased(_ s: String) -> String {
        s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5a }) ? s.lowercased() : s
    }
}
