/// Why an `Allocate` request was answered `{"status": false}` (for the miner's log; the wire only says false).
public enum AllocationRefusal: Error, Sendable, CustomStringConvertible {
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

    public var description: String {
        switch self {
        case let .negativeTimeline(days): "timeline \(days) is negative"
        case .busy: "another allocation change is in progress"
        case .alreadyLeased: "the machine is already leased"
        case .notLeased: "there is no active lease"
        case .notOwner: "the public key does not own the active lease"
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
