/// Replay protection for an axon: which (hotkey, uuid, nonce) triples were accepted recently.
///
/// Rules (SDK 7.2+ for dendrite versions ≥ 7002000, made safe for parallel requests):
/// * a nonce older than the window (`base + timeout` seconds before now) is rejected;
/// * an exact (hotkey, uuid, nonce) seen before is rejected (replay);
/// * otherwise it is accepted, in any order: one validator's parallel requests that arrive out
///   of order are never refused, unlike the SDK's "strictly larger than the last one".
/// Nonces are forgotten once they fall out of the largest window, so the table stays bounded;
/// a forgotten nonce can never come back, because the age rule rejects it.
/// For older dendrites (version < 7002000, monotonic nonces) the SDK's rule applies: strictly
/// larger than the last accepted one for that (hotkey, uuid).
public actor NonceTable {
    /// The verdict on one nonce.
    public enum Verdict: Sendable, Equatable {
        case accepted
        case tooOld(allowedSeconds: Double, ageSeconds: Double)
        case replayed
    }

    private struct Entry {
        var seen: Set<Int> = []
        /// Every accepted nonce ≤ floor has been forgotten; nothing ≤ floor is accepted again.
        var floor = Int.min
        /// Largest accepted nonce (for the legacy rule).
        var last = Int.min
        var isLegacy = false
        var lastUsed: Int = 0
    }

    /// The dendrite version from which the time window applies (SDK constant).
    public static let windowVersion = 7_002_000

    private var entries: [String: Entry] = [:]
    private let baseWindowNanos: Int
    private let maxWindowNanos: Int
    private let legacyRetentionNanos: Int
    private var lastPrune = 0
    private var acceptedSincePrune = 0

    /// - Parameters:
    ///   - baseWindow: seconds added to the request timeout (SDK: 4).
    ///   - maxTimeout: the largest timeout honoured, bounding the window and the memory.
    ///   - legacyRetention: seconds an idle legacy (version < 7002000) entry is kept.
    public init(baseWindow: Double = 4, maxTimeout: Double = 120, legacyRetention: Double = 3600) {
        baseWindowNanos = Int(baseWindow * 1e9)
        maxWindowNanos = Int((baseWindow + maxTimeout) * 1e9)
        legacyRetentionNanos = Int(legacyRetention * 1e9)
    }

    /// Number of remembered nonces (for tests and metrics).
    public var count: Int { entries.values.reduce(0) { $0 + $1.seen.count } }

    /// Checks `nonce` and records it when accepted. Call only after the signature verified.
    /// - Parameters:
    ///   - version: the dendrite's `version` header (nil when absent).
    ///   - timeout: the request's timeout in seconds (already capped by the caller).
    ///   - now: Unix time in nanoseconds.
    public func accept(hotkey: String, uuid: String, nonce: Int, version: Int?, timeout: Double, now: Int) -> Verdict {
        pruneIfDue(now: now)
        let key = hotkey + ":" + uuid
        var entry = entries[key] ?? Entry()
        entry.lastUsed = now
        defer { entries[key] = entry }
        if let version, version >= Self.windowVersion {
            let window = baseWindowNanos + Int(max(0, timeout) * 1e9)
            let window2 = min(window, maxWindowNanos)
            if nonce <= now &- window2 {
                return .tooOld(allowedSeconds: Double(window2) / 1e9, ageSeconds: Double(now &- nonce) / 1e9)
            }
            if nonce <= entry.floor || entry.seen.contains(nonce) { return .replayed }
            entry.seen.insert(nonce)
            entry.last = max(entry.last, nonce)
        } else {
            // Legacy dendrites: monotonic nonces, strictly increasing per (hotkey, uuid).
            if nonce <= entry.last { return .replayed }
            entry.isLegacy = true
            entry.last = nonce
        }
        acceptedSincePrune += 1
        return .accepted
    }

    private func pruneIfDue(now: Int) {
        guard now - lastPrune > 1_000_000_000 || acceptedSincePrune > 100_000 else { return }
        lastPrune = now
        acceptedSincePrune = 0
        let cutoff = now &- maxWindowNanos
        for (key, var entry) in entries {
            if !entry.seen.isEmpty {
                var removedMax = entry.floor
                entry.seen = entry.seen.filter { n in
                    if n <= cutoff { removedMax = max(removedMax, n); return false }
                    return true
                }
                entry.floor = removedMax
            }
            let idle = now &- entry.lastUsed
            if entry.seen.isEmpty && (!entry.isLegacy && idle > maxWindowNanos || idle > legacyRetentionNanos) {
                entries[key] = nil
            } else {
                entries[key] = entry
            }
        }
    }
}
