/// A devnet failure that is not a chain (pallet) error: the store, the producer lock, bad input
/// to the admin commands. Pallet errors are `ChainError.module(pallet: "SubtensorModule", …)`
/// with subtensor's error names, exactly as the real client reports them.
public enum DevnetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No devnet at this path (run `compute-subnet devnet init` first).
    case notInitialised(path: String)
    /// `init` on a folder that already holds a devnet.
    case alreadyInitialised(path: String)
    /// The store could not be opened or written.
    case storage(String)
    /// Another `devnet start` already produces blocks on this devnet.
    case producerRunning(path: String)
    /// An address that is not valid SS58 (the text says which and why).
    case invalidAddress(String)
    /// A bad amount or parameter.
    case invalidArgument(String)
    /// A key without its secret part was given where a signer is needed.
    case signerWithoutSecret(String)

    public var description: String {
        switch self {
        case let .notInitialised(path): "no devnet at \(path) (run `compute-subnet devnet init --devnet.path \(path)` first)"
        case let .alreadyInitialised(path): "a devnet already exists at \(path)"
        case let .storage(why): "devnet store: \(why)"
        case let .producerRunning(path): "another `devnet start` is already producing blocks for \(path)"
        case let .invalidAddress(why): why
        case let .invalidArgument(why): "invalid argument: \(why)"
        case let .signerWithoutSecret(address): "key \(address) has no secret part and cannot sign"
        }
    }
}
