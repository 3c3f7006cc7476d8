import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Docker Engine API (v1.41, Docker 20.10+) over the daemon's unix socket.
///
/// Every call is one HTTP request on `http+unix://`; failures come back as `ContainerRuntimeError`,
/// a daemon that is not there as `.daemonUnreachable`.
public struct DockerEngine: ContainerRuntime {
    /// The daemon's socket.
    public let socketPath: String
    /// The API version prefix; 1.41 is the oldest that has everything used here (DeviceRequests, Init).
    public let apiVersion: String
    private let client: HTTPClient

    /// - Parameter socketPath: the daemon's unix socket, normally `/var/run/docker.sock`.
    public init(socketPath: String = "/var/run/docker.sock", apiVersion: String = "v1.41") {
        self.socketPath = socketPath
        self.apiVersion = apiVersion
        self.client = HTTPClient.shared
    }

    struct Reply {
        var status: Int
        var body: ByteBuffer
        var data: Data { Data(body.readableBytesView) }
    }

    /// Sends one request; maps transport failures and error statuses to `ContainerRuntimeError`.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: (any Encodable)? = nil,
              body: HTTPClientRequest.Body? = nil, contentType: String? = nil,
              timeout: TimeAmount = .seconds(60), accept: Set<Int> = []) async throws(ContainerRuntimeError) -> Reply {
        var uri = "/\(apiVersion)\(path)"
        if !query.isEmpty {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+?#")
            uri += "?" + query.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
            }.joined(separator: "&")
        }
        // The HTTP client retries a refused connection until the deadline; a dead daemon should fail now.
        if let detail = Self.unreachable(socketPath) {
            throw ContainerRuntimeError(.daemonUnreachable(socket: socketPath, detail: detail))
        }
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: uri) else {
            throw ContainerRuntimeError(.daemonUnreachable(socket: socketPath, detail: "not a usable socket path"))
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        // The socket URL has no host name; the daemon's Go HTTP server insists on a Host header.
        request.headers.replaceOrAdd(name: "Host", value: "docker")
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            guard let data = try? encoder.encode(json) else {
                throw ContainerRuntimeError(.invalidResponse("cannot encode the request for \(path)"))
            }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: data))
        } else if let body {
            request.body = body
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let buffer = try await response.body.collect(upTo: 64 << 20)
            let status = Int(response.status.code)
            if (200..<300).contains(status) || accept.contains(status) { return Reply(status: status, body: buffer) }
            let message = (try? JSONDecoder().decode(DockerMessage.self, from: Data(buffer.readableBytesView)))?.message
                ?? String(buffer: buffer)
            switch status {
            case 404: throw ContainerRuntimeError(.notFound(message))
            case 409: throw ContainerRuntimeError(.conflict(message))
            default: throw ContainerRuntimeError(.api(status: status, message: message))
            }
        } catch let error as ContainerRuntimeError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw ContainerRuntimeError(.timedOut("\(method) \(path)"))
        } catch {
            throw ContainerRuntimeError(.daemonUnreachable(socket: socketPath, detail: "\(error)"))
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ reply: Reply, _ what: String) throws(ContainerRuntimeError) -> T {
        do {
            return try JSONDecoder().decode(type, from: reply.data)
        } catch {
            throw ContainerRuntimeError(.invalidResponse("\(what): \(error)"))
        }
    }

    /// Docker's error body: `{"message": "…"}`.
    struct DockerMessage: Decodable { var message: String }

    // MARK: ContainerRuntime

    public func ping() async throws(ContainerRuntimeError) {
        let reply = try await send(.GET, "/_ping", timeout: .seconds(5))
        guard String(buffer: reply.body) == "OK" else {
            throw ContainerRuntimeError(.invalidResponse("/_ping answered \(String(buffer: reply.body).prefix(80))"))
        }
    }

    public func hostInfo() async throws(ContainerRuntimeError) -> ContainerHostInfo {
        struct Info: Decodable {
            var NCPU: Int
            var MemTotal: Int64
            var ServerVersion: String?
            var Runtimes: [String: EmptyObject]?
            var Driver: String?
            var DriverStatus: [[String]]?
        }
        let info = try decode(Info.self, try await send(.GET, "/info"), "/info")
        let backing = info.DriverStatus?.first { $0.first == "Backing Filesystem" }?.last ?? ""
        return ContainerHostInfo(cpus: info.NCPU, memoryBytes: info.MemTotal,
                                 hasNvidiaRuntime: info.Runtimes?.keys.contains("nvidia") ?? false,
                                 serverVersion: info.ServerVersion ?? "", storageDriver: info.Driver ?? "",
                                 backingFilesystem: backing)
    }

    public func imageExists(_ reference: String) async throws(ContainerRuntimeError) -> Bool {
        let reply = try await send(.GET, "/images/\(Self.pathComponent(reference))/json", accept: [404])
        return reply.status == 200
    }

    public func importImage(tarballPath: String, reference: String, command: [String]) async throws(ContainerRuntimeError) {
        guard let handle = FileHandle(forReadingAtPath: tarballPath),
              let size = (try? FileManager.default.attributesOfItem(atPath: tarballPath)[.size]) as? NSNumber
        else { throw ContainerRuntimeError(.unreadableFile(tarballPath)) }
        defer { try? handle.close() }
        let (repository, tag) = Self.split(reference)
        guard let commandJSON = try? JSONEncoder().encode(command), let commandText = String(data: commandJSON, encoding: .utf8) else {
            throw ContainerRuntimeError(.invalidResponse("cannot encode the image command"))
        }
        let chunks = AsyncStream<ByteBuffer> {
            guard let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty else { return nil }
            return ByteBuffer(bytes: data)
        }
        let reply = try await send(
            .POST, "/images/create",
            query: [("fromSrc", "-"), ("repo", repository), ("tag", tag), ("changes", "CMD \(commandText)")],
            body: .stream(chunks, length: .known(Int64(size.int64Value))), contentType: "application/x-tar",
            timeout: .minutes(10))
        // Progress is a stream of JSON lines with status 200; a failure is a line with "error".
        for line in String(buffer: reply.body).split(separator: "\n") {
            if let progress = try? JSONDecoder().decode(Progress.self, from: Data(line.utf8)), let error = progress.error {
                throw ContainerRuntimeError(.api(status: 200, message: "import of \(reference) failed: \(error)"))
            }
        }
    }

    struct Progress: Decodable { var error: String? }
    struct EmptyObject: Decodable {}

    /// Why nothing listens on the unix socket at `path` (a plain connect), or `nil` when something does.
    static func unreachable(_ path: String) -> String? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { return "socket path is longer than \(capacity - 1) bytes" }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return result == 0 ? nil : String(cString: strerror(errno))
    }

    /// Splits `name:tag` (a registry port's colon is not a tag separator).
    static func split(_ reference: String) -> (String, String) {
        if let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, "latest")
    }

    static func pathComponent(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
