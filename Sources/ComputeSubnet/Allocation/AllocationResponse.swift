/// The `Allocate.output` a miner answers: `{"status": Bool, "info": base64?, "port": Int}`.
public struct AllocationResponse: Sendable, Hashable, Codable {
    /// Whether the request was granted (or, for probes, the probe's answer).
    public var status: Bool
    /// `base64(RSA-OAEP-SHA256(public_key, {"username","password","port"}))` after a successful allocation.
    public var info: String?
    /// The miner's SSH port (every answer carries it, as the original 1.4.4+ does).
    public var port: Int

    /// Why a request was refused: a fixed code (`AllocationRefusal.code`), sent as `output.reason`,
    /// which Python validators ignore; never a tool's text.
    public var reason: String?

    public init(status: Bool, info: String? = nil, port: Int, reason: String? = nil) {
        self.status = status
        self.info = info
        self.port = port
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey { case status, info, port }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decode(Bool.self, forKey: .status)
        info = try c.decodeIfPresent(String.self, forKey: .info)
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? 0
        reason = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(info, forKey: .info)
        try c.encode(port, forKey: .port)
    }
}
