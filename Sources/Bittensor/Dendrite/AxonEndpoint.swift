/// Where a dendrite sends a synapse: the axon's address and the hotkey it signs for.
public struct AxonEndpoint: Sendable, Hashable {
    public var ip: String
    public var port: Int
    /// The axon's hotkey (SS58): part of the signed message.
    public var hotkey: String

    public init(ip: String, port: Int, hotkey: String) {
        self.ip = ip
        self.port = port
        self.hotkey = hotkey
    }

    /// The axon a neuron serves on chain.
    public init(neuron: NeuronInfo) {
        self.init(ip: neuron.axon.ip, port: Int(neuron.axon.port), hotkey: neuron.hotkey)
    }

    /// `http://ip:port/Name` (IPv6 in brackets).
    func url(for name: String) -> String {
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return "http://\(host):\(port)/\(name)"
    }
}
