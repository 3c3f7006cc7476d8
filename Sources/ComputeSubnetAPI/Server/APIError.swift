import Foundation
import HTTPTypes

/// A request the API refuses, with the status and the `{"error": "..."}` text the client gets.
/// Bad input is always a 4xx: only the server's own faults are 5xx.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.code) \(message)" }

    /// The JSON body `{"error": message}`.
    public var body: Data { Self.body(message) }

    /// `{"error": message}` as JSON bytes.
    public static func body(_ message: String) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(["error": message])) ?? Data(#"{"error":"error"}"#.utf8)
    }

    static let unauthorized = APIError(.unauthorized, "missing or unknown API key: send 'Authorization: Bearer <key>' with a key from 'compute-subnet api-key create'")
}
