import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime

/// Turns every error of a generated operation into `{"error": "..."}`: a request that could not
/// be decoded (malformed JSON, a wrong type, a missing field) is a 400, an `APIError` keeps its
/// status, anything else is the server's fault (500, logged, no detail leaked).
struct JSONErrorMiddleware: ServerMiddleware {
    let logger: Logger

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch {
            let refusal = Self.refusal(for: error)
            if refusal.status.kind == .serverError {
                logger.error("API operation failed", metadata: ["operation": "\(operationID)", "error": "\(error)"])
            }
            return (HTTPResponse(status: refusal.status, headerFields: [.contentType: "application/json"]),
                    HTTPBody(refusal.body))
        }
    }

    static func refusal(for error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        guard let server = error as? ServerError else { return APIError(.internalServerError, "internal error") }
        if let error = server.underlyingError as? APIError { return error }
        if server.httpStatus.kind == .clientError { return APIError(server.httpStatus, "bad request: \(server.causeDescription)") }
        // No decoded input yet: the request itself could not be read.
        if server.operationInput == nil {
            return APIError(.badRequest, "bad request: \(server.causeDescription): \(Self.describe(server.underlyingError))")
        }
        return APIError(.internalServerError, "internal error")
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): "malformed value at \(path(c.codingPath)): \(c.debugDescription)"
        case DecodingError.keyNotFound(let key, let c): "missing field '\(key.stringValue)' at \(path(c.codingPath))"
        case DecodingError.typeMismatch(_, let c): "wrong type at \(path(c.codingPath)): \(c.debugDescription)"
        case DecodingError.valueNotFound(_, let c): "null at \(path(c.codingPath))"
        default: "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map(\.stringValue).joined(separator: ".")
    }
}
