import Foundation

extension DockerEngine {
    /// `GET /networks/{name}` answer (the fields used here).
    struct NetworkInspect: Decodable {
        struct IPAM: Decodable {
            struct Config: Decodable { var Subnet: String?; var Gateway: String? }
            var Config: [Config]?
        }
        var Id: String
        var Name: String
        var Driver: String?
        var Options: [String: String]?
        var IPAM: IPAM?
    }

    /// `POST /networks/create` body.
    struct NetworkCreate: Encodable {
        var Name: String
        var Driver = "bridge"
        var CheckDuplicate = true
        var EnableIPv6 = false
        var Internal = false
        var Options: [String: String]
        var Labels: [String: String]
    }

    public func ensureNetwork(_ spec: NetworkSpec) async throws(ContainerRuntimeError) -> NetworkInfo {
        if let existing = try await inspectNetwork(spec.name) { return existing }
        let body = NetworkCreate(
            Name: spec.name,
            Options: ["com.docker.network.bridge.name": spec.name,
                      "com.docker.network.bridge.enable_icc": spec.interContainer ? "true" : "false",
                      "com.docker.network.bridge.enable_ip_masquerade": "true"],
            Labels: spec.labels)
        do {
            _ = try await send(.POST, "/networks/create", json: body)
        } catch let error where error.reason.isConflict {
            // Another miner on this host created it first: use theirs.
        }
        guard let created = try await inspectNetwork(spec.name) else {
            throw ContainerRuntimeError(.notFound("network \(spec.name) right after creating it"))
        }
        return created
    }

    /// The network named `name`, or `nil` when there is none.
    public func inspectNetwork(_ name: String) async throws(ContainerRuntimeError) -> NetworkInfo? {
        let reply = try await send(.GET, "/networks/\(Self.pathComponent(name))", accept: [404])
        if reply.status == 404 { return nil }
        let network = try decode(NetworkInspect.self, reply, "network inspect")
        // The engine matches ids by prefix too; only an exact name is ours.
        guard network.Name == name else { return nil }
        let options = network.Options ?? [:]
        let configs = network.IPAM?.Config ?? []
        return NetworkInfo(id: network.Id, name: network.Name,
                           bridge: options["com.docker.network.bridge.name"] ?? "br-\(network.Id.prefix(12))",
                           subnets: configs.compactMap(\.Subnet).filter { !$0.contains(":") },
                           gateways: configs.compactMap(\.Gateway).filter { !$0.contains(":") },
                           interContainer: options["com.docker.network.bridge.enable_icc"].map { $0 == "true" } ?? true)
    }

    /// Removes a network (tests); a missing one is not an error.
    public func removeNetwork(_ name: String) async throws(ContainerRuntimeError) {
        _ = try await send(.DELETE, "/networks/\(Self.pathComponent(name))", accept: [404])
    }
}

extension ContainerRuntimeError.Reason {
    var isConflict: Bool {
        if case .conflict = self { return true }
        return false
    }
}
