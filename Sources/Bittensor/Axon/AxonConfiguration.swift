/// How an axon listens, what it accepts, and how much work it queues.
public struct AxonConfiguration: Sendable {
    /// Listen address.
    public var host = "0.0.0.0"
    /// Listen port; 0 picks a free one (see `Axon.port`).
    public var port = 8091
    /// The address reported in the `axon` TerminalInfo of responses (defaults to `host`).
    public var externalIP: String?
    /// The port reported in responses (defaults to the bound port).
    public var externalPort: Int?
    /// Largest request body accepted on a route without an entry in `bodyLimits` (413 beyond).
    public var maxBodyBytes = 32 * 1024 * 1024
    /// Largest request body per synapse name, enforced while reading (a `content-length` over it
    /// is answered 413 before any body byte is read; a chunked body is counted as it arrives).
    /// Defaults are SN27's requests: Specs and Challenge 64 KiB, Allocate 256 KiB. A path that
    /// names no attached synapse gets `unknownRouteBodyBytes`.
    public var bodyLimits: [String: Int] = ["Specs": 64 * 1024, "Challenge": 64 * 1024, "Allocate": 256 * 1024]
    /// Largest body read for a path that names no attached synapse (it is answered 404 anyway).
    public var unknownRouteBodyBytes = 64 * 1024
    /// Open connections at once, from everyone (new ones beyond are closed at accept).
    public var maxConnections = 1024
    /// Open connections at once from one IP address (new ones beyond are closed at accept).
    public var maxConnectionsPerIP = 64
    /// Largest total header block accepted (the connection gets 400 and is closed beyond).
    public var maxHeaderBytes = 32 * 1024
    /// A connection must deliver a complete request head within this time of becoming idle
    /// (slowloris protection; also the keep-alive idle limit).
    public var headerReadTimeout: Duration = .seconds(15)
    /// A request body must arrive completely within this time after its head.
    public var bodyReadTimeout: Duration = .seconds(30)
    /// The nonce window is `nonceBaseWindow + min(timeout, maxRequestTimeout)` seconds (SDK: 4 s + timeout).
    public var nonceBaseWindow: Double = 4
    /// The largest request `timeout` honoured (for the nonce window and the forward deadline);
    /// the header is unsigned, so it must not widen the replay window without bound.
    public var maxRequestTimeout: Double = 120
    /// Forwards running at once per synapse.
    public var maxConcurrentForwards = 64
    /// Requests waiting for a forward slot per synapse (503 beyond).
    public var maxQueuedForwards = 1024
    /// Threads kept ready to run forward handlers; more start while all are busy (a blocking
    /// handler never stalls the server or other handlers).
    public var forwardThreads = 4
    /// Event loop threads (0 = one per core).
    /// The version reported as `bt_header_axon_version` on error responses.
    public var version = 10_005_000

    public init(host: String = "0.0.0.0", port: Int = 8091) {
        self.host = host
        self.port = port
    }
}
