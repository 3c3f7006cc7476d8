import ComputeSubnetTestSupport
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

