import NIOCore

/// What a handler sees about the request besides the synapse.
public struct AxonContext: Sendable {
    /// The caller's address as the axon sees it.
    public let remoteIP: String?
    public let remotePort: Int?
    /// The caller's hotkey from the headers (verified once the request reaches `forward`).
    public let dendriteHotkey: String?
    /// Unix time in nanoseconds when the request was complete.
    public let receivedAt: Int
    /// The request's timeout (seconds, capped by `AxonConfiguration.maxRequestTimeout`).
    public let timeout: Double
}

/// A blacklist hook's answer.
public enum AccessDecision: Sendable, Equatable {
    /// Let the request through.
    case allow
    /// Refuse it with 403 and this reason.
    case deny(String)
}

/// A complete HTTP request as the channel handler hands it to the axon.
struct AxonRequest: Sendable {
    var path: String
    var headers: [(name: String, value: String)]
    var body: ByteBuffer
    var remoteIP: String?
    var remotePort: Int?
    var receivedAt: Int
}

/// The response to write.
struct AxonResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]
}

/// Finishes once with the first value given; later values are ignored. A deadline timer handed
/// to `cancelOnResolve` is cancelled once a value arrives, so answered requests leave no timer
/// behind on the event loop (one per request otherwise, until its deadline, seconds later).
final class FirstResult<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, Never>?
        var timer: Scheduled<Void>?
    }
    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<T, Never>) { state = Mutex(State(continuation: continuation)) }

    func resume(_ value: T) {
        let timer: Scheduled<Void>? = state.withLock { s in
            guard let continuation = s.continuation else { return nil }
            continuation.resume(returning: value)
            s.continuation = nil
            defer { s.timer = nil }
            return s.timer
        }
        timer?.cancel()
    }

    /// Cancels `timer` when the first value arrives (now, if it already has).
    func cancelOnResolve(_ timer: Scheduled<Void>) {
        let resolved = state.withLock { s in
            if s.continuation == nil { return true }
            s.timer = timer
            return false
        }
        if resolved { timer.cancel() }
    }
}

import Synchronization
