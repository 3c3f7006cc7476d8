import Foundation
import Logging

/// The miner's side of `Allocate` (original §10.6, with §19's fixes): one tenant at a time, in a
/// container with SSH and enforced limits; leases survive a miner restart and end on time.
///
/// **A lease belongs to a hotkey**: the signed caller hotkey that allocated it (`Lease.ownerHotkey`).
/// Only that hotkey, presenting the RSA key it allocated with, can probe ("is it mine"), change
/// (`docker_change`) or end the lease; anyone else, including another staked validator that knows
/// the (public) key, is refused and nothing changes. A lease whose owner is unknown (migrated from
/// an old book) is ended only by expiry. Refusals reach the caller as fixed codes
/// (`AllocationRefusal.code`); the detail, Docker's and SSH's error text included, stays in the log.
public actor AllocationService {
    /// The container label that carries the lease id.
    public static let leaseLabel = "org.compute-subnet.lease"

    let runtime: any ContainerRuntime
    let book: LeaseBook
    let configuration: AllocationConfiguration
    let clock: @Sendable () -> Date
    let logger: Logger
    /// Set while a mutating operation awaits the engine; concurrent mutations are refused, not queued.
    var busy = false

    /// - Parameters:
    ///   - book: the persisted leases; a new service on the same book carries on where the last one stopped.
    ///   - clock: the wall clock (lease start and expiry).
    public init(runtime: any ContainerRuntime, book: LeaseBook, configuration: AllocationConfiguration,
                clock: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "compute-subnet.allocation")) {
        self.runtime = runtime
        self.book = book
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// The lease being served, if any.
    public func currentLease() async -> Lease? { await book.active(at: clock()) }

    /// Answers one `Allocate` request from hotkey `caller`.
    public func handle(_ request: AllocationRequest, caller: String) async -> AllocationResponse {
        let result: Result<String?, AllocationRefusal>
        if request.timeline < 0 {
            result = .failure(.negativeTimeline(request.timeline))
        } else {
            await expireDueLeases()
            if request.checking {
                let status = request.timeline > 0
                    ? await isAvailable(for: request.deviceRequirement) : await isOwned(by: caller, publicKey: request.publicKey)
                return AllocationResponse(status: status, port: configuration.sshPort)
            } else if request.dockerChange {
                result = await mutate { () async throws(AllocationRefusal) in
                    try await self.perform(request.dockerAction, publicKey: request.publicKey, caller: caller)
                    return nil
                }
            } else if request.timeline > 0 {
                result = await mutate { () async throws(AllocationRefusal) in
                    try await self.allocate(request, caller: caller)
                }
            } else {
                result = await mutate { () async throws(AllocationRefusal) in
                    try await self.deallocate(publicKey: request.publicKey, caller: caller)
                    return nil
                }
            }
        }
        switch result {
        case let .success(info):
            return AllocationResponse(status: true, info: info, port: configuration.sshPort)
        case let .failure(refusal):
            logger.info("allocate refused", metadata: ["caller": "\(caller)", "reason": "\(LogRedaction.redact(refusal.description))"])
            return AllocationResponse(status: false, port: configuration.sshPort, reason: refusal.code)
        }
    }

    /// The answer to a request refused before it reached `handle` (a field out of bounds).
    public func refuse(_ refusal: AllocationRefusal, caller: String) -> AllocationResponse {
        logger.info("allocate refused", metadata: ["caller": "\(caller)", "reason": "\(LogRedaction.redact(refusal.description))"])
        return AllocationResponse(status: false, port: configuration.sshPort, reason: refusal.code)
    }

    /// Runs a mutating operation unless another one is in flight.
    private func mutate(_ body: () async throws(AllocationRefusal) -> String?) async -> Result<String?, AllocationRefusal> {
        guard !busy else { return .failure(.busy) }
        busy = true
        defer { busy = false }
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// `checking=true, timeline>0`: could this machine take a new tenant with `requirement` now?
    /// (No lease, nothing in flight, the engine answers, and the requirement fits the host.)
    private func isAvailable(for requirement: DeviceRequirement) async -> Bool {
        guard !busy, await book.active(at: clock()) == nil, let host = try? await runtime.hostInfo() else { return false }
        return (try? Self.check(requirement, fits: host)) != nil
    }

    /// `checking=true, timeline=0`: do `caller` and `publicKey` own a lease whose container runs?
    private func isOwned(by caller: String, publicKey: String) async -> Bool {
        guard let lease = try? await ownedLease(publicKey, caller: caller) else { return false }
        let status = try? await runtime.inspectContainer(lease.containerID)
        return status?.isRunning ?? false
    }

    /// The active lease if hotkey `caller`, presenting `publicKey`, owns it.
    func ownedLease(_ publicKey: String, caller: String) async throws(AllocationRefusal) -> Lease {
        guard let lease = await book.active(at: clock()) else { throw .notLeased }
        guard lease.ownerHotkey != nil else { throw .ownerUnknown }
        guard let owner = try? OwnerKey(pem: publicKey) else { throw .invalidPublicKey }
        guard lease.isOwned(by: caller, keyFingerprint: owner.fingerprint) else { throw .notOwner }
        return lease
    }

    /// `timeline=0`: the owner ends the lease; the container is removed first, then the record.
    private func deallocate(publicKey: String, caller: String) async throws(AllocationRefusal) {
        let lease = try await ownedLease(publicKey, caller: caller)
        do { try await runtime.removeContainer(lease.containerID) } catch { throw .runtime(error) }
        do { try await book.remove(id: lease.id) } catch { throw .store(error) }
        logger.info("lease ended by its owner", metadata: ["lease": "\(lease.id)"])
    }

    /// `docker_change`: restart, pause, unpause/resume or exchange_key on the owner's container.
    private func perform(_ action: DockerAction, publicKey: String, caller: String) async throws(AllocationRefusal) {
        let lease = try await ownedLease(publicKey, caller: caller)
        do {
            switch action.action {
            case "restart": try await runtime.restartContainer(lease.containerID)
            case "pause": try await runtime.pauseContainer(lease.containerID)
            case "unpause", "resume": try await runtime.unpauseContainer(lease.containerID)
            case "exchange_key":
                guard let key = Self.validSSHKey(action.sshKey), !key.isEmpty else { throw AllocationRefusal.invalidSSHKey }
                try await installSSHKey(key, in: lease.containerID)
            default: throw AllocationRefusal.unknownAction(action.action)
            }
        } catch let refusal as AllocationRefusal {
            throw refusal
        } catch let error as ContainerRuntimeError {
            throw .runtime(error)
        } catch {
            throw .runtime(ContainerRuntimeError(.invalidResponse("\(error)")))
        }
    }

    /// Removes the containers and records of every lease that has run out. Returns the leases ended.
    @discardableResult
    public func expireDueLeases() async -> [Lease] {
        guard !busy else { return [] }
        busy = true
        defer { busy = false }
        let now = clock()
        var ended: [Lease] = []
        for lease in await book.all() where lease.isExpired(at: now) {
            do {
                try await runtime.removeContainer(lease.containerID)
                try await book.remove(id: lease.id)
                ended.append(lease)
                logger.info("lease expired", metadata: ["lease": "\(lease.id)", "container": "\(lease.containerID)"])
            } catch {
                // Kept, so the next pass retries (e.g. the daemon was restarting).
                logger.warning("cannot end an expired lease yet", metadata: ["lease": "\(lease.id)", "error": "\(error)"])
            }
        }
        return ended
    }

    /// Ends leases on time until cancelled: sleeps until the next expiry (at most `expiryPollInterval`).
    public func runExpiry() async {
        while !Task.isCancelled {
            await expireDueLeases()
            var wait = configuration.expiryPollInterval
            if let next = await book.all().first?.expiry {
                let seconds = max(0.02, next.timeIntervalSince(clock()) + 0.01)
                wait = min(wait, .milliseconds(Int64(seconds * 1000)))
            }
            try? await Task.sleep(for: wait)
        }
    }
}
