import Bittensor
import Foundation
import Logging
import ServiceLifecycle

/// An SN27 miner: answers `Specs`, `Challenge` and `Allocate` on its axon for callers the
/// `CallerPolicy` allows, keeps its axon served on chain and its leases expiring on time.
///
/// `start()` does the start-up checks (registration, docker, solver), binds the axon and returns
/// the services to run in a `ServiceGroup`.
public struct Miner: Sendable {
    public let configuration: MinerConfiguration
    public let hotkey: Keypair
    public let chain: any Subtensor
    public let logger: Logger

    public init(configuration: MinerConfiguration, hotkey: Keypair, chain: any Subtensor,
                logger: Logger = Logger(label: "compute-subnet.miner")) {
        self.configuration = configuration
        self.hotkey = hotkey
        self.chain = chain
        self.logger = logger
    }

    /// A started miner: its axon is bound and accepting; `services` keep it running.
    public struct Running: Sendable {
        public let axon: Axon
        public let port: Int
        public let allocation: AllocationService
        public let services: [any Service]
    }

    /// Start-up: registration check, docker set-up, axon bound, axon served on chain. Slow work
    /// (solver calibration, the SSH image) runs afterwards as services, so the axon answers
    /// within a second of launch.
    public func start() async throws -> Running {
        let config = configuration
        let me = hotkey.ss58Address
        let metagraph: Metagraph
        do {
            metagraph = try await chain.metagraph(netuid: config.netuid)
        } catch {
            throw MinerError.chain(doing: "reading the metagraph", cause: error)
        }
        guard metagraph.neuron(hotkey: me) != nil else { throw MinerError.notRegistered(hotkey: me, netuid: config.netuid) }
        let cache = MetagraphCache(metagraph)

        try? FileManager.default.createDirectory(atPath: config.dataPath, withIntermediateDirectories: true)
        let docker = DockerEngine(socketPath: config.dockerSocket)
        var dockerUsable = true
        do {
            try await docker.ping()
        } catch {
            dockerUsable = false
            logger.error("Docker Engine is not reachable; allocations will be refused", metadata: ["error": "\(error)"])
        }
        let externalIP = config.axon.externalIP ?? (config.axon.host == "0.0.0.0" ? "127.0.0.1" : config.axon.host)
        let image = SSHImage(reference: config.image, cacheDirectory: config.imageCacheDirectory ?? config.dataPath + "/image")
        let book = try LeaseBook(path: config.dataPath + "/leases.json")
        let allocation = AllocationService(
            runtime: docker, book: book,
            // sshd is probed where its port is published: a miner on 127.0.0.2 (the localnet's) has
            // nothing listening on 127.0.0.1.
            configuration: AllocationConfiguration(sshPort: config.sshPort, hostIP: externalIP,
                                                  probeHost: externalIP.hasPrefix("127.") ? externalIP : "127.0.0.1",
                                                  containerName: config.containerName, image: image, tenant: config.tenant))
        if dockerUsable {
            do {
                try await allocation.reconcile()
            } catch {
                logger.error("could not reconcile leases with Docker", metadata: ["error": "\(error)"])
            }
        }
        if let lease = await allocation.currentLease() {
            logger.info("serving an existing lease", metadata: ["expires": "\(lease.expiry)"])
        }
        let probe = HardwareProbe(configuration: HardwareProbeConfiguration(dataPath: config.dataPath),
                                  runtime: dockerUsable ? docker : nil)
        let solver = makeSolver()
        let worker = ChallengeWorker(solver: solver, maxQueued: config.maxQueuedChallenges, logger: logger)

        let axon = Axon(keypair: hotkey, configuration: config.axon, logger: logger)
        attachHandlers(to: axon, cache: cache, probe: probe, worker: worker, allocation: allocation)
        let port: Int
        do {
            port = try await axon.start()
        } catch {
            throw MinerError.axon(cause: error)
        }
        let served = AxonInfo(version: UInt32(ComputeSubnetVersion.asInt), ip: externalIP,
                              port: UInt16(config.axon.externalPort ?? port), ipType: externalIP.contains(":") ? 6 : 4,
                              protocol: 4, placeholder1: UInt8(truncatingIfNeeded: ComputeSubnetVersion.asInt))
        let sync = MinerSync(chain: chain, hotkey: hotkey, netuid: config.netuid, served: served, cache: cache,
                             resyncBlocks: config.resyncBlocks, poll: config.blockPoll, logger: logger)
        do {
            try await sync.resync(metagraph)
        } catch {
            await axon.stop()
            throw MinerError.chain(doing: "serving the axon on chain", cause: error)
        }
        logger.notice("axon serving on \(externalIP):\(served.port) as \(me)")
        var services: [any Service] = [axon, sync, LeaseExpiry(allocation: allocation)]
        // `auto` calibrates after the axon is up: until then challenges go to the native solver.
        if let calibrating = solver as? CalibratingSolver { services.append(SolverCalibration(solver: calibrating)) }
        if dockerUsable { services.append(ImagePreparation(image: image, docker: docker, logger: logger)) }
        return Running(axon: axon, port: port, allocation: allocation, services: services)
    }

    /// The solver the configuration asks for (`auto` calibrates later, as a service).
    func makeSolver() -> any Solver {
        let pow = configuration.pow
        let native = NativeSolver(threads: pow.threads > 0 ? pow.threads : nil)
        let hashcat = HashcatSolver(command: HashcatCommand(
            executable: pow.hashcatPath, workloadProfile: pow.workloadProfile, options: pow.hashcatOptions))
        switch pow.backend {
        case .native: return native
        case .hashcat: return hashcat
        case .auto: return CalibratingSolver(native: native, hashcat: hashcat, logger: logger)
        }
    }

    func attachHandlers(to axon: Axon, cache: MetagraphCache, probe: HardwareProbe, worker: ChallengeWorker,
                        allocation: AllocationService) {
        let policy = configuration.callers
        func blacklist<S: Synapse>(_: S.Type) -> @Sendable (S, AxonContext) async -> AccessDecision {
            { _, context in
                guard let caller = context.dendriteHotkey else { return .deny("missing caller hotkey") }
                if let refusal = policy.check(hotkey: caller, in: await cache.metagraph) { return .deny(refusal.description) }
                return .allow
            }
        }
        func priority<S: Synapse>(_: S.Type, _ base: Double) -> @Sendable (S, AxonContext) async -> Double {
            { _, context in policy.priority(hotkey: context.dendriteHotkey ?? "", synapsePriority: base, in: await cache.metagraph) }
        }
        axon.attach(Specs.self, forward: { synapse, _ in
            var reply = synapse
            reply.specsOutput = await probe.specs().jsonText()
            return reply
        }, blacklist: blacklist(Specs.self), priority: priority(Specs.self, 1))
        axon.attach(Challenge.self, forward: { synapse, context in
            // Count the time the request already waited in the axon against its budget.
            let waitedNs = max(0, Self.unixNanoseconds() - context.receivedAt)
            return await worker.answer(synapse, receivedAt: .now - .nanoseconds(waitedNs), axonTimeout: context.timeout)
        }, blacklist: blacklist(Challenge.self), priority: priority(Challenge.self, 2))
        axon.attach(Allocate.self, forward: { synapse, context in
            var reply = synapse
            let caller = context.dendriteHotkey ?? ""
            let request: AllocationRequest
            do throws(InputRefusal) {
                request = try AllocationRequest(validating: synapse)
            } catch {
                reply.output = await allocation.refuse(.invalidInput(error), caller: caller).output
                return reply
            }
            reply.output = await allocation.handle(request, caller: caller).output
            return reply
        }, blacklist: blacklist(Allocate.self), priority: priority(Allocate.self, 3))
    }

    static func unixNanoseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
    }
}

/// Ends leases on time while the miner runs.
struct LeaseExpiry: Service {
    let allocation: AllocationService
    func run() async throws {
        await cancelWhenGracefulShutdown { await allocation.runExpiry() }
    }
}

/// Builds the SSH image in the background at start-up so the first allocation is fast.
struct ImagePreparation: Service {
    let image: SSHImage
    let docker: DockerEngine
    let logger: Logger
    func run() async throws {
        await cancelWhenGracefulShutdown {
            do {
                let reference = try await image.ensure(on: docker)
                logger.info("SSH image ready", metadata: ["image": "\(reference)"])
            } catch {
                logger.error("SSH image could not be prepared; allocations will retry", metadata: ["error": "\(error)"])
            }
        }
        // Stay in the group until shutdown: a ServiceGroup ends when any service returns.
        try? await gracefulShutdown()
    }
}
