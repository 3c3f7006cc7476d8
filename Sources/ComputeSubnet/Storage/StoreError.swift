import Foundation

/// Why a validator database operation was refused or failed. Bad input changes nothing.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value that cannot be stored (empty hotkey, difficulty out of range, non-object JSON, …).
    case invalidValue(String)
    /// The miner already holds an allocation; end it first.
    case alreadyAllocated(hotkey: String)
    /// SQLite refused or failed (busy past the timeout, disk full, corrupt file, …).
    case database(code: Int32, message: String)

    public var description: String {
        switch self {
        case let .invalidValue(why): "invalid value: \(why)"
        case let .alreadyAllocated(hotkey): "miner \(hotkey) is already allocated"
        case let .database(code, message): "database error \(code): \(message)"
        }
    }
}
