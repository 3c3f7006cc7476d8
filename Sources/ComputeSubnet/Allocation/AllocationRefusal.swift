/// Why an `Allocate` request was answered `{"status": false}`. The caller gets only `code`, fixed
/// text; `description` (which may quote Docker's or the image builder's output) is for the miner's log.
public enum AllocationRefusal: Error, Sendable, CustomStringConvertible {
    /// A field of the synapse broke its rule (`AllocationRequest(validating:)`).
    case invalidInput(InputRefusal)
    /// The active lease was migrated from a book without owner hotkeys: only expiry ends it.
    case ownerUnknown
    case negativeTimeline(Int)
    case busy
    case alreadyLeased
    case notLeased
    case notOwner
    case invalidPublicKey
    case invalidSSHKey
    case unknownAction(String)
    case exceedsHost(String)
    case image(SSHImageError)
    case runtime(ContainerRuntimeError)
    case commandFailed(String, Int32)
    case sshNotAnswering(port: Int)
    case store(LeaseBookError)
    case envelope(CredentialEnvelopeError)

    /// The fixed text a caller sees in `output.reason`.
    public var code: String {
        switch self {
        case let .invalidInput(refusal): refusal.code
        case .ownerUnknown: "owner_unknown"
        case .negativeTimeline: "invalid_input: timeline must not be negative"
        case .busy: "busy"
        case .alreadyLeased: "already_leased"
        case .notLeased: "not_leased"
        case .notOwner: "not_owner"
        case .invalidPublicKey: "invalid_public_key"
        case .invalidSSHKey: "invalid_ssh_key"
        case .unknownAction: "unknown_action"
        case .exceedsHost: "exceeds_host"
        case .image: "image_unavailable"
        case .runtime, .commandFailed: "runtime_error"
        case .sshNotAnswering: "ssh_not_answering"
        case .store: "store_error"
        case .envelope: "envelope_error"
        }
    }

    public var description: String {
        switch self {
        case let .invalidInput(refusal): "\(refusal)"
        case .ownerUnknown: "the active lease has no recorded owner hotkey (migrated); only its expiry ends it"
        case let .negativeTimeline(days): "timeline \(days) is negative"
        case .busy: "another allocation change is in progress"
        case .alreadyLeased: "the machine is already leased"
        case .notLeased: "there is no active lease"
        case .notOwner: "the caller hotkey and public key do not own the active lease"
        case .invalidPublicKey: "public_key is not an RSA (≥ 2048-bit) PEM public key"
        case .invalidSSHKey: "ssh_key is not one OpenSSH public key line"
        case let .unknownAction(action): "unknown docker action '\(action)'"
        case let .exceedsHost(what): "the requirement exceeds this host: \(what)"
        case let .image(error): "SSH image: \(error)"
        case let .runtime(error): "\(error)"
        case let .commandFailed(what, status): "\(what) exited with \(status) in the container"
        case let .sshNotAnswering(port): "sshd did not answer on port \(port)"
        case let .store(error): "\(error)"
        case let .envelope(error): "\(error)"
        }
    }
}
