/// Why a request was refused before (or instead of) a successful forward, with the status the SDK uses.
public struct AxonRejection: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// 400: the path or headers do not parse.
        case badRequest(String)
        /// 404: no synapse attached under this name.
        case unknownSynapse(name: String, available: [String])
        /// 403: the blacklist hook refused the caller.
        case blacklisted(String)
        /// 401: missing or bad signature, stale or replayed nonce.
        case notVerified(String)
        /// 503: the synapse's work queue is full.
        case overloaded
        /// 408: the request's own timeout expired before the forward finished.
        case timedOut(Double)
        /// 400: the body is not a valid synapse (or its hash does not match the header).
        case badBody(String)
        /// 413: the body is larger than allowed.
        case bodyTooLarge(limit: Int)
        /// 500: the forward handler threw.
        case forwardFailed(id: String)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    /// The HTTP status the axon answers with.
    public var status: Int {
        switch reason {
        case .badRequest, .badBody: 400
        case .unknownSynapse: 404
        case .blacklisted: 403
        case .notVerified: 401
        case .overloaded: 503
        case .timedOut: 408
        case .bodyTooLarge: 413
        case .forwardFailed: 500
        }
    }

    /// The `message` of the JSON error body (the SDK's wording where it has one).
    public var description: String {
        switch reason {
        case let .badRequest(why): "Improperly formatted request. Could not parse headers: \(why)"
        case let .unknownSynapse(name, available):
            "Synapse name '\(name)' not found. Available synapses [\(available.map { PythonString.reprString($0) }.joined(separator: ", "))]"
        case let .blacklisted(why): "Forbidden. Key is blacklisted: \(why)."
        case let .notVerified(why): "Not Verified with error: \(why)"
        case .overloaded: "Service at capacity: the request queue is full"
        case let .timedOut(t): "Response timeout after: \(PythonString.repr(.double(t)))s"
        case let .badBody(why): "Improperly formatted request body: \(why)"
        case let .bodyTooLarge(limit): "Request body exceeds \(limit) bytes"
        case let .forwardFailed(id): "Internal Server Error #\(id)"
        }
    }
}
