import Foundation

/// The Subtensor networks btcli knows, and how `--subtensor.network` /
/// `--subtensor.chain_endpoint` resolve to a WebSocket endpoint.
public enum Network: String, Sendable, Hashable, CaseIterable {
    case finney
    case test
    case archive
    case local

    /// The public endpoint (bittensor-protocol.md §3.1).
    public var endpoint: URL {
        switch self {
        case .finney: URL(string: "wss://entrypoint-finney.opentensor.ai:443")!
        case .test: URL(string: "wss://test.finney.opentensor.ai:443")!
        case .archive: URL(string: "wss://archive.chain.opentensor.ai:443")!
        case .local: URL(string: "ws://127.0.0.1:9944")!
        }
    }

    /// A network by btcli name (`finney`/`main`, `test`, `archive`, `local`).
    public init?(name: String) {
        switch name.lowercased() {
        case "finney", "main", "mainnet": self = .finney
        case "test", "testnet": self = .test
        case "archive": self = .archive
        case "local", "localnet": self = .local
        default: return nil
        }
    }

    /// The endpoint to use: `chainEndpoint` wins when given (it must be ws:// or wss://; a
    /// bare `host:port` gets ws://), otherwise the named network.
    public static func endpoint(network: String?, chainEndpoint: String?) throws(ChainError) -> URL {
        if let raw = chainEndpoint?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            let text = raw.contains("://") ? raw : "ws://\(raw)"
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "ws" || scheme == "wss",
                  let host = url.host, !host.isEmpty else {
                throw .connection("chain endpoint \(raw) is not a ws:// or wss:// URL")
            }
            return url
        }
        let name = network ?? "finney"
        guard let known = Network(name: name) else {
            throw .unsupported("unknown network \(name); use finney, test, archive, local or --subtensor.chain_endpoint")
        }
        return known.endpoint
    }
}
