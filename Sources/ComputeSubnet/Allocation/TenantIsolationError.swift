/// Why tenants cannot be isolated on this host; allocations are refused until it is fixed.
public struct TenantIsolationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// No iptables binary, or it does not run.
        case iptablesUnavailable(String)
        /// The miner may not change the firewall (not root, no CAP_NET_ADMIN).
        case permissionDenied(String)
        /// dockerd does not manage iptables (`--iptables=false`), so forwarding is not filtered.
        case noDockerUserChain(String)
        /// iptables refused a rule.
        case commandFailed(arguments: String, status: Int32, output: String)
        /// A network with the tenant network's name exists but lets containers talk to each other.
        case networkAllowsInterContainer(String)
        /// The engine could not create or inspect the tenant network.
        case runtime(ContainerRuntimeError)
    }

    public let reason: Reason
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        let advice = "run the miner as root (or with CAP_NET_ADMIN) on a host whose dockerd manages iptables, "
            + "or start it with --miner.isolation off (tenants can then reach the host's services)"
        return switch reason {
        case let .iptablesUnavailable(detail): "tenant isolation needs iptables, which does not run (\(detail)); install it or \(advice)"
        case let .permissionDenied(detail): "the miner may not change iptables (\(detail)); \(advice)"
        case let .noDockerUserChain(detail): "iptables has no DOCKER-USER chain (is dockerd started with --iptables=false?): \(detail); \(advice)"
        case let .commandFailed(arguments, status, output): "iptables \(arguments) exited with \(status): \(output)"
        case let .networkAllowsInterContainer(name):
            "the Docker network '\(name)' exists with inter-container traffic on; remove it (docker network rm \(name)) so the miner recreates it with ICC off"
        case let .runtime(error): "tenant network: \(error)"
        }
    }
}
