import ComputeSubnet
import Foundation

/// A fresh store on a temporary file, removed with its directory when the test ends.
struct TemporaryStore: ~Copyable {
    let store: ValidatorStore
    init() throws { store = try ValidatorStore.temporary() }
    deinit {
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: store.path).deletingLastPathComponent())
    }
}

/// Fixed "now" of the storage tests: 2027-01-15 08:00:00 UTC.
let storeNow = Date(timeIntervalSince1970: 1_800_000_000)

func storeResult(_ uid: UInt16, _ hotkey: String? = nil, ok: Bool = true, difficulty: Int = 7,
            elapsed: Double? = 3, ago: TimeInterval = 60) -> ChallengeRecord {
    ChallengeRecord(uid: uid, hotkey: hotkey ?? "hk\(uid)", success: ok, elapsed: elapsed,
                    difficulty: difficulty, createdAt: storeNow.addingTimeInterval(-ago))
}

/// A small deterministic generator (tests must replay the same data).
struct StoreTestRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
