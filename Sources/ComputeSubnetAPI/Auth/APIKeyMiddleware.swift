import Foundation
import ComputeSubnet
import Hummingbird

/// The key that made the request being handled (set by `APIKeyMiddleware` for the operations
/// that need one; the generated handlers see no HTTP context, so it travels as a task local).
enum RequestKey {
    @TaskLocal static var current: StoredAPIKey?
}

/// Checks `Authorization: Bearer <token>` on `/v1/allocations…` (401 without a known, unrevoked
/// key), spends one token of that key's bucket (429 when empty), and runs the handler with the key
/// in `RequestKey.current`. Other paths pass untouched.
struct APIKeyMiddleware<Context: RequestContext>: RouterMiddleware {
    let store: ValidatorStore
    let limiter: RateLimiter

    static func needsKey(_ path: String) -> Bool {
        path == "/v1/allocations" || path.hasPrefix("/v1/allocations/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.needsKey(request.uri.path) else { return try await next(request, context) }
        guard let token = Self.bearerToken(request.headers[.authorization]) else { throw APIError.unauthorized }
        let key: StoredAPIKey?
        do { key = try await store.apiKey(token: token) } catch { throw APIError(.serviceUnavailable, "the key store is unavailable; retry") }
        guard let key else { throw APIError.unauthorized }
        guard await limiter.admit(key: key.id) else {
            throw APIError(.tooManyRequests, "rate limit of key '\(key.name)' reached (\(limiter.limit.perSecond)/s); retry later")
        }
        return try await RequestKey.$current.withValue(key) { try await next(request, context) }
    }

    /// The token of an `Authorization: Bearer …` header; `nil` for any other form.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix(StoredAPIKey.tokenPrefix), token.count <= 128 else { return nil }
        return token
    }
}
