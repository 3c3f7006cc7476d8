import Foundation

/// One challenge a validator sent to one miner, as it is judged and stored.
///
/// `elapsed` is measured at the validator (request sent → answer verified), in seconds; it is
/// `nil` when the miner did not answer.
public struct ChallengeRecord: Sendable, Hashable, Codable {
    public var uid: UInt16
    /// The miner's hotkey (SS58). Statistics are kept per hotkey, so a uid that changes hands
    /// starts from a clean history.
    public var hotkey: String
    public var success: Bool
    public var elapsed: Double?
    /// Number of unknown password characters of the challenge (`pow_min_difficulty`…`pow_max_difficulty`).
    public var difficulty: Int
    /// When the answer was judged (absolute time; stored as UTC milliseconds since 1970).
    public var createdAt: Date

    public init(uid: UInt16, hotkey: String, success: Bool, elapsed: Double?, difficulty: Int, createdAt: Date) {
        self.uid = uid
        self.hotkey = hotkey
        self.success = success
        self.elapsed = elapsed
        self.difficulty = difficulty
        self.createdAt = createdAt
    }
}

/// All results of one challenge round, written together.
///
/// `id` identifies the round across restarts (for example `"<validator hotkey>/<block>"`): writing
/// the same round twice stores each uid's result once.
public struct RoundRecord: Sendable, Hashable, Codable {
    public var id: String
    public var results: [ChallengeRecord]

    public init(id: String, results: [ChallengeRecord]) {
        self.id = id
        self.results = results
    }
}
