import AsyncHTTPClient
import Foundation
import NIOCore

extension DockerEngine {
    /// `POST /containers/create` body (the fields used here).
    struct CreateBody: Encodable {
        struct PortBinding: Encodable { var HostIp: String; var HostPort: String }
        struct RestartPolicy: Encodable { var Name: String }
        struct DeviceRequest: Encodable { var Driver: String; var Count: Int; var Capabilities: [[String]] }
        struct HostConfig: Encodable {
            var PortBindings: [String: [PortBinding]]
            var NanoCpus: Int64?
            var Memory: Int64?
            var MemorySwap: Int64?
            var PidsLimit: Int?
            var Init: Bool
            var RestartPolicy: RestartPolicy
            var DeviceRequests: [DeviceRequest]?
            var CapDrop: [String]?
            var CapAdd: [String]?
            var SecurityOpt: [String]?
            var NetworkMode: String?
            var StorageOpt: [String: String]?
            var Sysctls: [String: String]?
        }
        struct Empty: Encodable {}
        var Image: String
        var Cmd: [String]
        var Hostname: String?
        var Labels: [String: String]
        var ExposedPorts: [String: Empty]
        var HostConfig: HostConfig
    }

    public func createContainer(_ spec: ContainerSpec) async throws(ContainerRuntimeError) -> String {
        struct Created: Decodable { var Id: String }
        let reply = try await send(.POST, "/containers/create", query: [("name", spec.name)], json: Self.createBody(spec))
        return try decode(Created.self, reply, "/containers/create").Id
    }

    /// The create body for `spec`.
    static func createBody(_ spec: ContainerSpec) -> CreateBody {
        let port = "\(spec.containerPort)/tcp"
        return CreateBody(
            Image: spec.image, Cmd: spec.command, Hostname: spec.hostname.isEmpty ? nil : spec.hostname,
            Labels: spec.labels, ExposedPorts: [port: .init()],
            HostConfig: .init(
                PortBindings: [port: [.init(HostIp: spec.hostIP, HostPort: String(spec.hostPort))]],
                NanoCpus: spec.cpus.map { Int64(($0 * 1e9).rounded()) },
                // Memory and swap equal: the tenant gets no swap beyond its limit.
                Memory: spec.memoryBytes, MemorySwap: spec.memoryBytes,
                PidsLimit: spec.pidsLimit, Init: true,
                // Survives a daemon or host restart during the lease; only expiry or the owner ends it.
                RestartPolicy: .init(Name: "unless-stopped"),
                DeviceRequests: spec.gpuCount > 0
                    ? [.init(Driver: "nvidia", Count: spec.gpuCount, Capabilities: [["gpu"]])] : nil,
                CapDrop: spec.capabilities == nil ? nil : ["ALL"], CapAdd: spec.capabilities,
                SecurityOpt: spec.noNewPrivileges ? ["no-new-privileges"] : nil,
                NetworkMode: spec.network,
                StorageOpt: spec.diskBytes.map { ["size": "\($0)"] },
                Sysctls: spec.sysctls.isEmpty ? nil : spec.sysctls))
    }

    public func startContainer(_ id: String) async throws(ContainerRuntimeError) {
        _ = try await send(.POST, "/containers/\(Self.pathComponent(id))/start", accept: [304])
    }

    public func inspectContainer(_ id: String) async throws(ContainerRuntimeError) -> ContainerStatus? {
        struct Inspect: Decodable {
            struct State: Decodable { var Status: String }
            struct Config: Decodable { var Labels: [String: String]? }
            var Id: String
            var Name: String
            var State: State
            var Config: Config
        }
        let reply = try await send(.GET, "/containers/\(Self.pathComponent(id))/json", accept: [404])
        if reply.status == 404 { return nil }
        let inspect = try decode(Inspect.self, reply, "container inspect")
        return ContainerStatus(id: inspect.Id, name: String(inspect.Name.drop { $0 == "/" }),
                               state: inspect.State.Status, labels: inspect.Config.Labels ?? [:])
    }

    public func removeContainer(_ id: String) async throws(ContainerRuntimeError) {
        _ = try await send(.DELETE, "/containers/\(Self.pathComponent(id))", query: [("force", "true"), ("v", "true")],
                           accept: [404])
    }

    public func restartContainer(_ id: String) async throws(ContainerRuntimeError) {
        _ = try await send(.POST, "/containers/\(Self.pathComponent(id))/restart", query: [("t", "5")])
    }

    public func pauseContainer(_ id: String) async throws(ContainerRuntimeError) {
        _ = try await send(.POST, "/containers/\(Self.pathComponent(id))/pause")
    }

    public func unpauseContainer(_ id: String) async throws(ContainerRuntimeError) {
        _ = try await send(.POST, "/containers/\(Self.pathComponent(id))/unpause")
    }

    public func exec(_ id: String, command: [String], environment: [String]) async throws(ContainerRuntimeError) -> Int32 {
        struct ExecBody: Encodable { var Cmd: [String]; var Env: [String]; var AttachStdout = false; var AttachStderr = false }
        struct StartBody: Encodable { var Detach = true; var Tty = false }
        struct Created: Decodable { var Id: String }
        struct ExecState: Decodable { var Running: Bool; var ExitCode: Int32? }
        let created = try decode(
            Created.self,
            try await send(.POST, "/containers/\(Self.pathComponent(id))/exec", json: ExecBody(Cmd: command, Env: environment)),
            "exec create")
        _ = try await send(.POST, "/exec/\(created.Id)/start", json: StartBody())
        // Detached: poll until the process ends (commands used here take milliseconds).
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let state = try decode(ExecState.self, try await send(.GET, "/exec/\(created.Id)/json"), "exec inspect")
            if !state.Running, let code = state.ExitCode { return code }
            try? await Task.sleep(for: .milliseconds(30))
        }
        throw ContainerRuntimeError(.timedOut("exec \(command.first ?? "")"))
    }

    public func containers(withLabel key: String) async throws(ContainerRuntimeError) -> [ContainerStatus] {
        struct Summary: Decodable { var Id: String; var Names: [String]?; var State: String; var Labels: [String: String]? }
        guard let filter = try? JSONEncoder().encode(["label": [key]]), let filterText = String(data: filter, encoding: .utf8) else {
            throw ContainerRuntimeError(.invalidResponse("cannot encode a label filter"))
        }
        let reply = try await send(.GET, "/containers/json", query: [("all", "1"), ("filters", filterText)])
        return try decode([Summary].self, reply, "container list").map {
            ContainerStatus(id: $0.Id, name: String(($0.Names?.first ?? "").drop { $0 == "/" }),
                            state: $0.State, labels: $0.Labels ?? [:])
        }
    }

    /// Removes an image (not part of `ContainerRuntime`: allocation never deletes images); missing is not an error.
    public func removeImage(_ reference: String) async throws(ContainerRuntimeError) {
        _ = try await send(.DELETE, "/images/\(Self.pathComponent(reference))", query: [("force", "true")], accept: [404])
    }
}
