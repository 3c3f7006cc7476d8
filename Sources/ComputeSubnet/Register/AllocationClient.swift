import Bittensor
import Crypto
import _CryptoExtras
import Foundation
import Logging

/// The validator operator's side of allocation (the original `register.py`): pick miners whose
/// stored specs meet a request, probe them, allocate in score order with a fresh RSA-2048 key
/// pair, decrypt the credentials, and keep the allocation in the validator's database.
public struct AllocationClient: Sendable {
    public let chain: any Subtensor
    public let dendrite: Dendrite
    public let store: ValidatorStore
    public let netuid: UInt16
    /// Keep the container password, if a miner still sends one, in the database (off by default).
    public var storePassword = false
    /// Probe timeout (the original used 12 s; a miner asks Docker before answering) and allocation timeout (container start + sshd).
    public var probeTimeout: Double = 20
    public var allocateTimeout: Double = 90
    public let logger: Logger

    public init(chain: any Subtensor, dendrite: Dendrite, store: ValidatorStore, netuid: UInt16,
                logger: Logger = Logger(label: "compute-subnet.register")) {
        self.chain = chain; self.dendrite = dendrite; self.store = store; self.netuid = netuid; self.logger = logger
    }

    /// A miner that could take a request.
    public struct Candidate: Sendable, Hashable {
        public var neuron: NeuronInfo
        public var score: Double
        public var resource: String
    }

    /// Miners whose specs meet `request`, served and not allocated by us, best score first.
    public func candidates(for request: ResourceRequest, now: Date = Date()) async throws(RegisterError) -> [Candidate] {
        let metagraph = try await metagraph()
        let specs: [StoredSpecs], taken: Set<String>, stats: [String: MinerStats]
        do {
            specs = try await store.allSpecs()
            taken = Set(try await store.allocations(activeAt: now).map(\.hotkey))
            stats = try await store.stats(now: now)
        } catch {
            throw .store(cause: error)
        }
        let scores = ScoreFormula().scores(stats: stats)
        var out: [Candidate] = []
        for entry in specs where !taken.contains(entry.hotkey) {
            guard let neuron = metagraph.neuron(hotkey: entry.hotkey), neuron.axon.isServing,
                  let json = try? JSONParser.parse(Array(entry.json.utf8)), request.isMet(by: json) else { continue }
            out.append(Candidate(neuron: neuron, score: scores[entry.hotkey] ?? 0, resource: Self.resource(of: json)))
        }
        return out.sorted { $0.score != $1.score ? $0.score > $1.score : $0.neuron.uid < $1.neuron.uid }
    }

    /// `register a`: allocates the best available miner meeting `request`.
    /// - Parameter loginKey: an OpenSSH public key line to install as root's login (a renter's own
    ///   key, already checked with `SSHPublicKey.validated`); `nil`: a fresh key made here, returned in the grant.
    public func allocate(_ request: ResourceRequest, loginKey: String? = nil, now: Date = Date()) async throws(RegisterError) -> Grant {
        try Self.validate(request)
        let candidates = try await candidates(for: request, now: now)
        guard !candidates.isEmpty else { throw .noCandidates(request.summary) }
        var probe = Allocate()
        probe.checking = true
        probe.timeline = request.days
        probe.deviceRequirement = request.deviceRequirement
        let answers = await dendrite.fanOut(to: candidates.map { endpoint($0.neuron) }, synapse: probe, timeout: probeTimeout)
        let available = zip(candidates, answers).filter { $0.1.isSuccess && $0.1.output["status"]?.boolValue == true }.map(\.0)
        guard !available.isEmpty else {
            let why = zip(candidates, answers).map { c, a in
                a.isSuccess ? "uid \(c.neuron.uid) busy" : "uid \(c.neuron.uid) \(a.dendrite.statusCode ?? 0) \(a.dendrite.statusMessage ?? "")"
            }
            throw .noCandidates(request.summary + "; probed: " + why.joined(separator: ", "))
        }
        var lastError: RegisterError = .noCandidates(request.summary)
        for candidate in available {
            do {
                return try await allocate(candidate.neuron, request: request, resource: candidate.resource,
                                          loginKey: loginKey, now: now)
            } catch {
                logger.info("allocation attempt failed", metadata: ["hotkey": "\(candidate.neuron.hotkey)", "error": "\(error)"])
                lastError = error
            }
        }
        throw lastError
    }

    /// `register a_hotkey`: allocates the miner with `hotkey`.
    public func allocate(hotkey: String, request: ResourceRequest, loginKey: String? = nil,
                         now: Date = Date()) async throws(RegisterError) -> Grant {
        try Self.validate(request)
        guard let neuron = try await metagraph().neuron(hotkey: hotkey) else { throw .notInMetagraph(hotkey: hotkey) }
        guard neuron.axon.isServing else { throw .noServedAxon(hotkey: hotkey) }
        let resource = (try? await store.specs(hotkey: hotkey)).flatMap { $0 }
            .flatMap { try? JSONParser.parse(Array($0.json.utf8)) }.map(Self.resource(of:)) ?? "unknown"
        return try await allocate(neuron, request: request, resource: resource, loginKey: loginKey, now: now)
    }

    /// `register d`: asks the miner to end the allocation (proving ownership with the stored
    /// public key) and forgets it. With `force`, forgets it even when the miner does not confirm.
    @discardableResult
    public func deallocate(hotkey: String, force: Bool = false) async throws(RegisterError) -> Bool {
        let stored: StoredAllocation?
        do { stored = try await store.allocation(hotkey: hotkey) } catch { throw .store(cause: error) }
        guard let stored, let publicKey = stored.publicKeyPEM else { throw .noAllocation(hotkey: hotkey) }
        var confirmed = false
        var reason = "miner is not in the metagraph"
        if let neuron = try await metagraph().neuron(hotkey: hotkey) {
            var request = Allocate()
            request.checking = false
            request.timeline = 0
            request.publicKey = publicKey
            let reply = await dendrite.call(axon: endpoint(neuron), synapse: request, timeout: 60)
            confirmed = reply.isSuccess && reply.output["status"]?.boolValue == true
            reason = reply.isSuccess ? (reply.output["reason"]?.stringValue ?? "status false")
                : "\(reply.dendrite.statusCode ?? 0) \(reply.dendrite.statusMessage ?? "")"
        }
        guard confirmed || force else { throw .refused(hotkey: hotkey, reason: reason + " (use --force to forget it anyway)") }
        do { _ = try await store.removeAllocation(hotkey: hotkey) } catch { throw .store(cause: error) }
        return confirmed
    }

    // MARK: - Steps

    func allocate(_ neuron: NeuronInfo, request: ResourceRequest, resource: String, loginKey renterKey: String? = nil,
                  now: Date) async throws(RegisterError) -> Grant {
        if (try? await store.allocation(hotkey: neuron.hotkey)) != nil { throw .alreadyAllocated(hotkey: neuron.hotkey) }
        let privateKey: _RSA.Encryption.PrivateKey
        do { privateKey = try _RSA.Encryption.PrivateKey(keySize: .bits2048) } catch { throw .credentials(cause: error) }
        let publicPEM = privateKey.publicKey.pemRepresentation
        // Root logs in with a key only: ours, made here, so its private half never travels.
        let loginKey = OpenSSHKey()
        var synapse = Allocate()
        synapse.checking = false
        synapse.timeline = request.days
        synapse.deviceRequirement = request.deviceRequirement
        synapse.publicKey = publicPEM
        synapse.dockerRequirement["ssh_key"] = .string(renterKey ?? loginKey.publicKeyLine(comment: "sn27-register"))
        let reply = await dendrite.call(axon: endpoint(neuron), synapse: synapse, timeout: allocateTimeout)
        guard reply.isSuccess else {
            throw .unreachable(hotkey: neuron.hotkey, status: reply.dendrite.statusCode ?? 0, message: reply.dendrite.statusMessage ?? "")
        }
        guard reply.output["status"]?.boolValue == true, let info = reply.output["info"]?.stringValue else {
            throw .refused(hotkey: neuron.hotkey, reason: reply.output["reason"]?.stringValue ?? "status false")
        }
        let credentials: Credentials
        do { credentials = try CredentialEnvelope.open(info, privateKeyPEM: privateKey.pemRepresentation) } catch {
            throw .credentials(cause: error)
        }
        let expires = now.addingTimeInterval(Double(request.days) * 86_400)
        let fingerprint = Data(SHA256.hash(data: privateKey.publicKey.derRepresentation)).map { String(format: "%02x", $0) }.joined()
        let record = StoredAllocation(
            hotkey: neuron.hotkey, uid: neuron.uid, ip: neuron.axon.ip, port: UInt16(clamping: credentials.port),
            username: credentials.username, publicKeyFingerprint: fingerprint,
            details: StoredAllocation.details(publicKeyPEM: publicPEM, resource: resource, request: request,
                                              password: storePassword && !credentials.password.isEmpty ? credentials.password : nil),
            createdAt: now, expiresAt: expires)
        do { try await store.insertAllocation(record) } catch { throw .store(cause: error) }
        // A miner that made its own lease key (it ignored ours) sends that key's seed instead.
        // With the renter's own key installed, no private key exists here to hand back.
        let key = credentials.ed25519Seed.flatMap { OpenSSHKey(seedBase64: $0) } ?? (renterKey == nil ? loginKey : nil)
        return Grant(hotkey: neuron.hotkey, uid: neuron.uid, ip: neuron.axon.ip, port: credentials.port,
                     username: credentials.username, password: credentials.password, expiresAt: expires,
                     privateKey: key?.privateKeyFile(comment: "sn27-register"))
    }

    func metagraph() async throws(RegisterError) -> Metagraph {
        do { return try await chain.metagraph(netuid: netuid) } catch { throw .chain(cause: error) }
    }

    func endpoint(_ neuron: NeuronInfo) -> AxonEndpoint {
        AxonEndpoint(ip: neuron.axon.ip, port: Int(neuron.axon.port), hotkey: neuron.hotkey)
    }

    static func validate(_ request: ResourceRequest) throws(RegisterError) {
        guard (1...60).contains(request.days) else { throw .invalidRequest("--days must be 1…60, got \(request.days)") }
        guard request.cpuCount >= 0, request.ramGB >= 0, request.diskGB >= 0, (request.gpuMemoryGB ?? 0) >= 0,
              (request.gpuCount ?? 0) >= 0 else { throw .invalidRequest("sizes must not be negative") }
    }

    /// The lower-cased first GPU name, or "cpu" for a machine without GPUs (the original's label).
    static func resource(of specs: JSON) -> String {
        specs["gpu"]?["details"]?.arrayValue?.first?["name"]?.stringValue?.lowercased() ?? "cpu"
    }
}
