import Foundation
import Hummingbird
import Logging

/// The outermost middleware: caps every request body at `maxBodySize` (413) and answers any
/// error thrown below it (unknown path 404, wrong method, over-long body) with `{"error": "..."}`.
struct HTTPErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBodySize: Int
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        do {
            if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodySize {
                throw APIError(.contentTooLarge, "the body is larger than \(maxBodySize) bytes")
            }
            // Read here, bounded, so no handler ever streams an unbounded body.
            _ = try await request.collectBody(upTo: maxBodySize)
            return try await next(request, context)
        } catch let error as APIError {
            return Self.response(error)
        } catch let error as HTTPError {
            let message = error.body ?? (error.status == .notFound ? "no such path: \(request.uri.path)" : error.status.reasonPhrase)
            return Self.response(APIError(error.status == .contentTooLarge ? .contentTooLarge : error.status, message))
        } catch let error as any HTTPResponseError {
            return Self.response(APIError(error.status, error.status.reasonPhrase))
        } catch {
            logger.error("API request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return Self.response(APIError(.internalServerError, "internal error"))
        }
    }

    static func response(_ error: APIError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if error.status == .tooManyRequests { headers[.retryAfter] = "1" }
        if error.status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="sn27""# }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: error.body)))
    }
}
