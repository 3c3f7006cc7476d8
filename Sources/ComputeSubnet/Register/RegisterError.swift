/// Why a register command could not do what it was asked. Database, chain and credential
/// failures keep the underlying error as `cause`.
public enum RegisterError: Error, Sendable, CustomStringConvertible {
    case noCandidates(String)
    case notInMetagraph(hotkey: String)
    case noServedAxon(hotkey: String)
    case alreadyAllocated(hotkey: String)
    case refused(hotkey: String, reason: String)
    case unreachable(hotkey: String, status: Int, message: String)
    case noAllocation(hotkey: String)
    case invalidRequest(String)
    /// The miner's encrypted credentials could not be made or opened.
    case credentials(cause: any Error)
    /// The validator database failed.
    case store(cause: any Error)
    /// Reading the chain failed.
    case chain(cause: any Error)

    public var description: String {
        switch self {
        case let .noCandidates(request): "no miner can take this request now (\(request)); see 'register list_r'"
        case let .notInMetagraph(h): "hotkey \(h) is not registered on the subnet"
        case let .noServedAxon(h): "miner \(h) serves no axon"
        case let .alreadyAllocated(h): "miner \(h) is already allocated by this validator; end it with 'register d --hotkey \(h)'"
        case let .refused(h, reason): "miner \(h) refused: \(reason)"
        case let .unreachable(h, status, message): "miner \(h) did not answer (\(status) \(message))"
        case let .noAllocation(h): "no allocation details found for hotkey \(h)"
        case let .invalidRequest(why): "invalid request: \(why)"
        case let .credentials(cause): "the miner's credentials could not be read: \(cause)"
        case let .store(cause): "the validator database failed: \(cause); check the --db path and its permissions"
        case let .chain(cause): "reading the chain failed: \(cause); check --subtensor.network and that the node is reachable"
        }
    }
}
