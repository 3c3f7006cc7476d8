import AsyncHTTPClient
import Bittensor
import Foundation
import NIOCore

/// Signed requests whose body a test rewrites before sending: a field replaced by raw JSON text
/// (`NaN`, `1e300`, a wrong type, deep nesting), the way a hostile validator would send it.
enum HostileRequest {
    /// What came back: status (nil: no HTTP answer) and the whole answer as text, headers included.
    struct Answer: Sendable {
        var status: Int?
        var text: String
        var body: JSON?
    }

    static let placeholder = "__sn27_hostile__"

    /// Signs `synapse` with `dendrite`, sets each `(path, raw)` in the JSON body (path: keys from the
    /// top, e.g. `["device_requirement", "cpu", "count"]`) to the raw JSON text, and sends it.
    static func send<S: Synapse>(_ synapse: S, from dendrite: Dendrite, to axon: AxonEndpoint, timeout: Double = 30,
                                 setting edits: [([String], String)], headers overrides: [String: String] = [:]) async throws -> Answer {
        var s = synapse
        let prepared = try dendrite.prepare(&s, for: axon, timeout: timeout)
        var json = try JSONParser.parse(prepared.body)
        var raws: [String] = []
        for (i, (path, raw)) in edits.enumerated() {
            json = set(json, path: path[...], to: .string("\(placeholder)\(i)"))
            raws.append(raw)
        }
        var writer = JSONWriter(style: .compact)
        writer.write(json)
        var text = String(decoding: writer.bytes, as: UTF8.self)
        for (i, raw) in raws.enumerated().reversed() { text = text.replacingOccurrences(of: "\"\(placeholder)\(i)\"", with: raw) }
        let headers = prepared.headers.map { (name: $0.name, value: overrides[$0.name] ?? $0.value) }
        return try await post(url: prepared.url, headers: headers, body: Array(text.utf8), timeout: timeout)
    }

    static func set(_ json: JSON, path: ArraySlice<String>, to value: JSON) -> JSON {
        guard let key = path.first else { return value }
        var object: JSONObject = [:]
        if case let .object(o) = json { object = o }
        object[key] = set(object[key] ?? .null, path: path.dropFirst(), to: value)
        return .object(object)
    }

    static func post(url: String, headers: [(name: String, value: String)], body: [UInt8], timeout: Double) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers where name.lowercased() != "content-length" { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeout) + 30))
            let bytes = try await response.body.collect(upTo: 8 << 20)
            let bodyText = String(buffer: bytes)
            let headerText = response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            return Answer(status: Int(response.status.code), text: headerText + "\n\n" + bodyText,
                          body: try? JSONParser.parse(Array(bodyText.utf8)))
        } catch {
            return Answer(status: nil, text: "\(error)", body: nil)
        }
    }
}
