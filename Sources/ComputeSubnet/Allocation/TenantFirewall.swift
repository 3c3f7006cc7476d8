import Foundation
import Logging

/// The iptables rules that keep tenants off the host and off each other.
///
/// Docker alone lets a container reach every address of its host (the bridge gateway, the host's
/// public IP: the miner's axon listens on 0.0.0.0) and forwards its traffic anywhere, link-local
/// metadata services (169.254.0.0/16) included. For the tenant bridge `bridge` this installs:
///
/// * `INPUT -i <bridge> -j SN27-TENANT-IN`, inserted first: replies to connections the host opened
///   (Docker's port proxy to the tenant's sshd) pass; everything else a tenant sends to any address
///   of the host is rejected.
/// * `DOCKER-USER -i <bridge> -j SN27-TENANT-FWD` (Docker evaluates DOCKER-USER before its own
///   forwarding rules and keeps it across daemon restarts): forwarded traffic to `blocked`
///   (169.254.0.0/16 by default) and to the bridge itself (another tenant) is rejected.
///
/// Every rule is checked (`-C`) before it is added, so applying again changes nothing; the rules are
/// re-applied before each allocation and at start-up (a reboot or a firewall reload drops them).
/// Every command goes through `HostCommand` (10 s deadline, bounded output, logged, never returned).
public struct TenantFirewall: Sendable {
    public static let inputChain = "SN27-TENANT-IN"
    public static let forwardChain = "SN27-TENANT-FWD"

    /// The host-side interface of the tenant network.
    public var bridge: String
    /// Destinations tenants must not reach through the host (IPv4 CIDR).
    public var blocked: [String]
    let command = HostCommand()
    let logger: Logger

    public init(bridge: String, blocked: [String] = ["169.254.0.0/16"],
                logger: Logger = Logger(label: "compute-subnet.allocation.firewall")) {
        self.bridge = bridge
        self.blocked = blocked
        self.logger = logger
    }

    /// Rules per chain, in order.
    var rules: [(chain: String, rule: [String])] {
        let reject = ["-j", "REJECT", "--reject-with", "icmp-admin-prohibited"]
        var out: [(String, [String])] = [
            (Self.inputChain, ["-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"]),
            (Self.inputChain, ["-p", "tcp"] + ["-j", "REJECT", "--reject-with", "tcp-reset"]),
            (Self.inputChain, reject),
        ]
        out += blocked.map { (Self.forwardChain, ["-d", $0] + reject) }
        out.append((Self.forwardChain, ["-o", bridge] + reject))
        return out
    }

    /// Installs the rules unless present.
    /// - Throws: `TenantIsolationError` when iptables is missing, not permitted, or refuses a rule.
    public func apply() async throws(TenantIsolationError) {
        let iptables = try locate()
        let version = await command.run(iptables, ["--version"])
        guard version.succeeded else { throw TenantIsolationError(.iptablesUnavailable(version.output)) }
        // DOCKER-USER exists only when dockerd manages iptables; without it nothing filters forwarding.
        let dockerUser = await command.run(iptables, ["-w", "5", "-n", "-L", "DOCKER-USER"])
        guard dockerUser.succeeded else {
            if Self.isPermissionProblem(dockerUser.output) { throw TenantIsolationError(.permissionDenied(dockerUser.output)) }
            throw TenantIsolationError(.noDockerUserChain(dockerUser.output))
        }
        for chain in [Self.inputChain, Self.forwardChain] {
            let exists = await command.run(iptables, ["-w", "5", "-n", "-L", chain])
            if !exists.succeeded { try await must(iptables, ["-w", "5", "-N", chain]) }
        }
        for (chain, rule) in rules { try await ensure(iptables, chain: chain, rule: rule, insertFirst: false) }
        try await ensure(iptables, chain: "INPUT", rule: ["-i", bridge, "-j", Self.inputChain], insertFirst: true)
        try await ensure(iptables, chain: "DOCKER-USER", rule: ["-i", bridge, "-j", Self.forwardChain], insertFirst: true)
        logger.debug("tenant firewall in place", metadata: ["bridge": "\(bridge)"])
    }

    /// Adds `rule` to `chain` unless `-C` finds it.
    private func ensure(_ iptables: String, chain: String, rule: [String], insertFirst: Bool) async throws(TenantIsolationError) {
        let check = await command.run(iptables, ["-w", "5", "-C", chain] + rule)
        if check.succeeded { return }
        try await must(iptables, ["-w", "5"] + (insertFirst ? ["-I", chain, "1"] : ["-A", chain]) + rule)
    }

    private func must(_ iptables: String, _ arguments: [String]) async throws(TenantIsolationError) {
        let outcome = await command.run(iptables, arguments)
        guard outcome.succeeded else {
            logger.error("iptables failed", metadata: ["arguments": "\(arguments.joined(separator: " "))",
                                                       "status": "\(outcome.status)", "output": "\(outcome.output)"])
            if Self.isPermissionProblem(outcome.output) { throw TenantIsolationError(.permissionDenied(outcome.output)) }
            throw TenantIsolationError(.commandFailed(arguments: arguments.joined(separator: " "), status: outcome.status,
                                                      output: outcome.output))
        }
    }

    /// The iptables binary Docker uses (sbin first: a non-root PATH often lacks it).
    private func locate() throws(TenantIsolationError) -> String {
        for path in ["/usr/sbin/iptables", "/sbin/iptables", "/usr/bin/iptables"]
        where FileManager.default.isExecutableFile(atPath: path) { return path }
        throw TenantIsolationError(.iptablesUnavailable("no iptables in /usr/sbin, /sbin or /usr/bin"))
    }

    static func isPermissionProblem(_ output: String) -> Bool {
        let text = output.lowercased()
        return text.contains("permission denied") || text.contains("operation not permitted") || text.contains("you must be root")
    }
}
