import Synchronization

/// Verifies a request's signature and nonce as the SDK's `default_verify` does (with the
/// nonce-table improvements of `NonceTable`).
///
/// The signed message is rebuilt with *our own* hotkey, not the header's, so a request signed for
/// another axon fails here too.
struct RequestVerifier: Sendable {
    let ownHotkey: String
    let nonces: NonceTable
    let maxRequestTimeout: Double
    private let keys = KeyCache()

    init(ownHotkey: String, nonces: NonceTable, maxRequestTimeout: Double) {
        self.ownHotkey = ownHotkey
        self.nonces = nonces
        self.maxRequestTimeout = maxRequestTimeout
    }

    /// Throws `.notVerified` unless the headers carry a valid signature and a fresh nonce.
    func verify(_ headers: SynapseHeaders, now: Int) async throws(AxonRejection) {
        let d = headers.dendrite
        guard let nonce = d.nonce else { throw AxonRejection(.notVerified("Missing Nonce")) }
        guard let signature = d.signature else { throw AxonRejection(.notVerified("Missing Signature")) }
        guard let hotkey = d.hotkey else { throw AxonRejection(.notVerified("Missing Hotkey")) }
        let uuid = d.uuid ?? ""
        let message = SignedMessage(nonce: nonce, dendriteHotkey: hotkey, axonHotkey: ownHotkey, uuid: uuid,
                                    bodyHash: headers.computedBodyHash ?? "")
        guard let key = keys.keypair(for: hotkey), message.verify(signature: signature, with: key) else {
            throw AxonRejection(.notVerified("Signature mismatch with \(message.text) and \(signature)"))
        }
        let timeout = min(max(headers.timeout.isFinite ? headers.timeout : 12, 0), maxRequestTimeout)
        switch await nonces.accept(hotkey: hotkey, uuid: uuid, nonce: nonce, version: d.version, timeout: timeout, now: now) {
        case .accepted: return
        case let .tooOld(allowed, age):
            throw AxonRejection(.notVerified(
                "Nonce is too old: acceptable delta is \(Self.twoDecimals(allowed)) seconds but request was \(Self.twoDecimals(age)) seconds old"))
        case .replayed:
            throw AxonRejection(.notVerified("Nonce is too old, a newer one was last processed"))
        }
    }

    static func twoDecimals(_ v: Double) -> String {
        let scaled = (v * 100).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else { return String(v) }
        let i = Int(scaled)
        let sign = i < 0 ? "-" : ""
        let a = abs(i)
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}

/// Verify-only keys by SS58 address, so repeated callers skip the address decoding.
private final class KeyCache: Sendable {
    private let cache = Mutex<[String: Keypair]>([:])
    private let limit = 16_384

    func keypair(for ss58: String) -> Keypair? {
        if let k = cache.withLock({ $0[ss58] }) { return k }
        guard let k = try? Keypair(ss58Address: ss58) else { return nil }
        cache.withLock { c in
            if c.count >= limit { c.removeAll(keepingCapacity: true) }
            c[ss58] = k
        }
        return k
    }
}
