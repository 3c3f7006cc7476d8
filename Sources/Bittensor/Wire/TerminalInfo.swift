/// One end of a synapse exchange (`bt.TerminalInfo`): the dendrite's or the axon's details.
///
/// All ten keys are always written, `null` when unset, in the SDK's order.
public struct TerminalInfo: Sendable, Hashable {
    public var statusCode: Int?
    public var statusMessage: String?
    /// Seconds.
    public var processTime: Double?
    public var ip: String?
    public var port: Int?
    /// SDK version as an integer, e.g. 10005000.
    public var version: Int?
    /// Unix time in nanoseconds (dendrite) when the request was signed.
    public var nonce: Int?
    public var uuid: String?
    /// SS58 address.
    public var hotkey: String?
    /// `0x` + 128 lower-case hex.
    public var signature: String?

    public init(statusCode: Int? = nil, statusMessage: String? = nil, processTime: Double? = nil, ip: String? = nil,
                port: Int? = nil, version: Int? = nil, nonce: Int? = nil, uuid: String? = nil,
                hotkey: String? = nil, signature: String? = nil) {
        self.statusCode = statusCode; self.statusMessage = statusMessage; self.processTime = processTime
        self.ip = ip; self.port = port; self.version = version; self.nonce = nonce; self.uuid = uuid
        self.hotkey = hotkey; self.signature = signature
    }

    /// The wire keys in the SDK's order.
    public static let keys = ["status_code", "status_message", "process_time", "ip", "port", "version", "nonce",
                              "uuid", "hotkey", "signature"]

    /// The value of wire key `key` (nil when unset or unknown).
    public func value(forKey key: String) -> JSON? {
        switch key {
        case "status_code": statusCode.map { .int($0) }
        case "status_message": statusMessage.map { .string($0) }
        case "process_time": processTime.map { .double($0) }
        case "ip": ip.map { .string($0) }
        case "port": port.map { .int($0) }
        case "version": version.map { .int($0) }
        case "nonce": nonce.map { .int($0) }
        case "uuid": uuid.map { .string($0) }
        case "hotkey": hotkey.map { .string($0) }
        case "signature": signature.map { .string($0) }
        default: nil
        }
    }

    /// Sets wire key `key` from a JSON value (null clears it). Ints accept integral numbers and
    /// decimal strings, as pydantic's lax mode does for header values.
    public mutating func set(_ value: JSON, forKey key: String) throws(WireError) {
        func int() throws(WireError) -> Int? {
            switch value {
            case .null: return nil
            case let .string(s):
                guard let i = Int(s.trimmingASCIIWhitespace()) else { throw WireError(.wrongType(field: key, expected: "an integer")) }
                return i
            default:
                guard let i = value.intValue else { throw WireError(.wrongType(field: key, expected: "an integer")) }
                return i
            }
        }
        func string() throws(WireError) -> String? {
            switch value {
            case .null: return nil
            case let .string(s): return s
            default: throw WireError(.wrongType(field: key, expected: "a string"))
            }
        }
        switch key {
        case "status_code": statusCode = try int()
        case "status_message": statusMessage = try string()
        case "process_time":
            switch value {
            case .null: processTime = nil
            case let .string(s):
                guard let d = Double(s.trimmingASCIIWhitespace()) else { throw WireError(.wrongType(field: key, expected: "a number")) }
                processTime = d
            default:
                guard let d = value.doubleValue else { throw WireError(.wrongType(field: key, expected: "a number")) }
                processTime = d
            }
        case "ip": ip = try string()
        case "port": port = try int()
        case "version": version = try int()
        case "nonce": nonce = try int()
        case "uuid": uuid = try string()
        case "hotkey": hotkey = try string()
        case "signature": signature = try string()
        default: break  // unknown keys are ignored, as pydantic does
        }
    }

    /// Writes the object with all ten keys.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("status_code", first: true); w.write(statusCode.map { .int($0) } ?? .null)
        w.key("status_message"); w.write(statusMessage.map { .string($0) } ?? .null)
        w.key("process_time"); w.write(processTime.map { .double($0) } ?? .null)
        w.key("ip"); w.write(ip.map { .string($0) } ?? .null)
        w.key("port"); w.write(port.map { .int($0) } ?? .null)
        w.key("version"); w.write(version.map { .int($0) } ?? .null)
        w.key("nonce"); w.write(nonce.map { .int($0) } ?? .null)
        w.key("uuid"); w.write(uuid.map { .string($0) } ?? .null)
        w.key("hotkey"); w.write(hotkey.map { .string($0) } ?? .null)
        w.key("signature"); w.write(signature.map { .string($0) } ?? .null)
        w.endObject()
    }

    /// A TerminalInfo from a JSON object (null or a missing object gives an empty one).
    public init(json: JSON, field: String) throws(WireError) {
        self.init()
        switch json {
        case .null: return
        case let .object(o):
            for (k, v) in o { try set(v, forKey: k) }
        default: throw WireError(.wrongType(field: field, expected: "an object"))
        }
    }

    /// `(key, str(value))` for each set key, in order (the header values of `to_headers()`).
    public var headerPairs: [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        out.reserveCapacity(10)
        if let statusCode { out.append(("status_code", String(statusCode))) }
        if let statusMessage { out.append(("status_message", statusMessage)) }
        if let processTime { out.append(("process_time", PythonString.repr(.double(processTime)))) }
        if let ip { out.append(("ip", ip)) }
        if let port { out.append(("port", String(port))) }
        if let version { out.append(("version", String(version))) }
        if let nonce { out.append(("nonce", String(nonce))) }
        if let uuid { out.append(("uuid", uuid)) }
        if let hotkey { out.append(("hotkey", hotkey)) }
        if let signature { out.append(("signature", signature)) }
        return out
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII spaces and tabs (as Python's `int()`/`float()` allow).
    func trimmingASCIIWhitespace() -> Substring {
        let s = Substring(self)
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = s.firstIndex(where: { !isSpace($0) }), let last = s.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return s[first...last]
    }
}
