/// The JSON body of a synapse: `model_dump()` in the SDK's key order.
///
/// `name, timeout, total_size, header_size, dendrite, axon, computed_body_hash, <fields…>`.
extension Synapse {
    /// The body bytes in `style` (`.python` for requests as aiohttp sends them, `.compact` for
    /// responses as FastAPI writes them).
    public func jsonBody(style: JSONWriter.Style) -> [UInt8] {
        var w = JSONWriter(style: style, capacity: 1024)
        writeJSON(to: &w)
        return w.bytes
    }

    /// Writes the body object to `w`.
    public func writeJSON(to w: inout JSONWriter) {
        w.beginObject()
        w.key("name", first: true); w.writeString(Self.name)
        w.key("timeout"); w.writeDouble(base.timeout)
        w.key("total_size"); w.write(.int(base.totalSize))
        w.key("header_size"); w.write(.int(base.headerSize))
        w.key("dendrite"); base.dendrite.write(to: &w)
        w.key("axon"); base.axon.write(to: &w)
        w.key("computed_body_hash"); w.writeString(base.computedBodyHash)
        for field in Self.fields {
            w.key(field.name)
            w.write(field.get(self))
        }
        w.endObject()
    }

    /// The synapse as a JSON object value (same keys and order as the body).
    public var jsonObject: JSONObject {
        var o = JSONObject()
        o["name"] = .string(Self.name)
        o["timeout"] = .double(base.timeout)
        o["total_size"] = .int(base.totalSize)
        o["header_size"] = .int(base.headerSize)
        o["dendrite"] = .object(JSONObject(TerminalInfo.keys.map { ($0, base.dendrite.value(forKey: $0) ?? .null) }))
        o["axon"] = .object(JSONObject(TerminalInfo.keys.map { ($0, base.axon.value(forKey: $0) ?? .null) }))
        o["computed_body_hash"] = .string(base.computedBodyHash)
        for field in Self.fields { o[field.name] = field.get(self) }
        return o
    }

    /// The wire value of the subclass field `name` (nil for an unknown name).
    public func fieldValue(_ name: String) -> JSON? {
        Self.fields.first { $0.name == name }?.get(self)
    }

    /// A synapse parsed from a JSON body: unknown keys are ignored, missing keys keep their
    /// defaults, `name` is always `Self.name` (as the SDK forces it).
    public init(jsonBody bytes: some Collection<UInt8>) throws(WireError) {
        guard case let .object(o) = try JSONParser.parse(bytes) else { throw WireError(.notAnObject) }
        try self.init(jsonObject: o)
    }

    /// A synapse from a parsed JSON object (same rules as `init(jsonBody:)`).
    public init(jsonObject o: JSONObject) throws(WireError) {
        self.init()
        for (key, value) in o {
            switch key {
            case "name": continue
            case "timeout":
                // Optional[float] in the SDK: null keeps the default.
                if !value.isNull { base.timeout = try Double(json: value, field: key) }
            case "total_size": if !value.isNull { base.totalSize = try Int(json: value, field: key) }
            case "header_size": if !value.isNull { base.headerSize = try Int(json: value, field: key) }
            case "dendrite": base.dendrite = try TerminalInfo(json: value, field: key)
            case "axon": base.axon = try TerminalInfo(json: value, field: key)
            case "computed_body_hash": if !value.isNull { base.computedBodyHash = try String(json: value, field: key) }
            default:
                if let field = Self.fields.first(where: { $0.name == key }) { try field.set(&self, value) }
            }
        }
    }
}
