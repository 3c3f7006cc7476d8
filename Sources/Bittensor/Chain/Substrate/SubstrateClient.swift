import Foundation
import Logging

/// `Subtensor` over a real node (finney, test, a local subtensor): JSON-RPC over WebSocket,
/// runtime metadata V15, runtime-API reads and signed extrinsics watched to inclusion.
public actor SubstrateClient: Subtensor {
    public struct Configuration: Sendable {
        public var rpc = RPCClient.Configuration()
        /// Mortal era length for transactions (the SDK's default for bittensor calls).
        public var eraPeriod: UInt64 = 128
        /// Wait for finalization instead of inclusion.
        public var waitForFinalization = false
        /// How long to watch a submitted extrinsic.
        public var inclusionTimeout: Duration = .seconds(120)
        public init() {}
    }

    /// The runtime state a signature depends on.
    struct Runtime: Sendable {
        var metadata: RuntimeMetadata
        var specVersion: UInt32
        var transactionVersion: UInt32
        var genesisHash: [UInt8]
    }

    public let rpc: RPCClient
    public let configuration: Configuration
    private let logger: Logger
    private var runtime: Runtime?

    public init(endpoint: URL, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "bittensor.subtensor")) {
        self.rpc = RPCClient(endpoint: endpoint, configuration: configuration.rpc, logger: logger)
        self.configuration = configuration
        self.logger = logger
    }

    /// Closes the WebSocket.
    public func close() async { await rpc.close() }

    // MARK: reads

    public func currentBlock() async throws -> UInt64 {
        try await header(nil).number
    }

    public func metagraph(netuid: UInt16) async throws -> Metagraph {
        let head = try await header(nil)
        let bytes = try await runtimeCall("NeuronInfoRuntimeApi_get_neurons_lite", params: le16(netuid), at: head.hash)
        do {
            var neurons = try NeuronInfoLiteDecoder.decodeNeurons(bytes)
            let weight = try await taoWeight(at: head.hash)
            // get_neurons_lite carries alpha only; root TAO comes from storage, and the stake
            // weight is alpha + tao_weight × TAO as the SDK's metagraph `total_stake`.
            let roots = try await rootStakes(hotkeys: neurons.map(\.hotkey), at: head.hash)
            for i in neurons.indices {
                neurons[i].taoStake = roots[neurons[i].hotkey] ?? 0
                neurons[i].stakeWeight = weight.stakeWeight(alpha: neurons[i].alphaStake, tao: neurons[i].taoStake)
            }
            return Metagraph(block: head.number, netuid: netuid, neurons: neurons, taoWeight: weight)
        } catch let error as ScaleError {
            throw ChainError.decoding("get_neurons_lite(\(netuid))", cause: ErrorCause(error))
        }
    }

    /// `SubtensorModule.TaoWeight` at `hash` (the metadata's default when never written; the
    /// runtime default when the runtime has no such item, i.e. before dynamic TAO).
    public func taoWeight(at hash: [UInt8]? = nil) async throws -> TaoWeight {
        let rt = try await currentRuntime()
        guard rt.metadata.storageEntry(pallet: "SubtensorModule", name: "TaoWeight") != nil else { return .runtimeDefault }
        let at = if let hash { hash } else { try await header(nil).hash }
        return TaoWeight(raw: try await storageUInt(rt.metadata, item: "TaoWeight", keys: [], at: at))
    }

    /// New block numbers as the node announces them (`chain_subscribeNewHeads`, or
    /// `chain_subscribeFinalizedHeads` when `finalized`). The stream ends with an error when
    /// the connection drops.
    public func blockNumbers(finalized: Bool = false) async throws -> AsyncThrowingStream<UInt64, any Error> {
        let method = finalized ? "chain_subscribeFinalizedHeads" : "chain_subscribeNewHeads"
        let (id, updates) = try await rpc.subscribe(method)
        let unsubscribe = finalized ? "chain_unsubscribeFinalizedHeads" : "chain_unsubscribeNewHeads"
        return AsyncThrowingStream { [rpc] continuation in
            let task = Task {
                do {
                    for try await header in updates {
                        guard let number = header["number"]?.blockNumber else {
                            throw ChainError.decoding("\(method): a header without a number")
                        }
                        continuation.yield(number)
                    }
                    continuation.finish()
                } catch { continuation.finish(throwing: error) }
            }
            continuation.onTermination = { _ in
                task.cancel()
                Task { await rpc.unsubscribe(id, method: unsubscribe) }
            }
        }
    }

    public func isRegistered(hotkey: String, netuid: UInt16) async throws -> Bool {
        try await uid(hotkey: hotkey, netuid: netuid) != nil
    }

    /// The uid of `hotkey` (SS58) on `netuid`, from the `SubtensorModule.Uids` storage map.
    public func uid(hotkey: String, netuid: UInt16) async throws -> UInt16? {
        let account: [UInt8]
        do { account = try SS58.decode(hotkey).publicKey } catch { throw ChainError.unsupported("hotkey \(hotkey)", cause: ErrorCause(error)) }
        let rt = try await currentRuntime()
        let key = try StorageKey.make(metadata: rt.metadata, pallet: "SubtensorModule", item: "Uids", keys: [le16(netuid), account])
        let value = try await rpc.request("state_getStorage", [.string(Hex.encode(key, prefix: true))])
        if value.isNull { return nil }
        guard let bytes = value.hexBytes, bytes.count == 2 else { throw ChainError.decoding("Uids: \(value)") }
        return UInt16(bytes[0]) | UInt16(bytes[1]) << 8
    }

    public func hyperparameters(netuid: UInt16) async throws -> SubnetHyperparameters {
        let rt = try await currentRuntime()
        let api = "SubnetInfoRuntimeApi"
        guard let method = ["get_subnet_hyperparams_v2", "get_subnet_hyperparams"]
            .first(where: { rt.metadata.runtimeApiMethod(api: api, method: $0) != nil }),
            let output = rt.metadata.runtimeApiMethod(api: api, method: method)?.output else {
            throw ChainError.unsupported("the runtime exposes no SubnetInfoRuntimeApi hyperparameters call")
        }
        let bytes = try await runtimeCall("\(api)_\(method)", params: le16(netuid), at: nil)
        let value: ScaleValue
        do { value = try rt.metadata.types.decode(output, bytes: bytes) } catch {
            throw ChainError.decoding("\(method)(\(netuid))", cause: ErrorCause(error))
        }
        guard case let .variant(tag, _, fields) = value, tag == "Some", let hp = fields.first?.value else {
            throw ChainError.subnetNotFound(netuid: netuid)
        }
        func int(_ name: String) -> UInt128? { hp[name]?.uintValue }
        var out = SubnetHyperparameters()
        if let v = int("tempo") { out.tempo = UInt16(truncatingIfNeeded: v) }
        if let v = int("weights_rate_limit") { out.weightsRateLimit = UInt64(truncatingIfNeeded: v) }
        if let v = int("weights_version") { out.weightsVersionKey = UInt64(truncatingIfNeeded: v) }
        if let v = hp["commit_reveal_weights_enabled"]?.boolValue { out.commitRevealEnabled = v }
        if let v = int("min_allowed_weights") { out.minAllowedWeights = UInt16(truncatingIfNeeded: v) }
        if let v = int("max_weights_limit") { out.maxWeightLimit = UInt16(truncatingIfNeeded: v) }
        if let v = int("immunity_period") { out.immunityPeriod = UInt16(truncatingIfNeeded: v) }
        if let v = int("max_allowed_uids") ?? int("max_n") { out.maxAllowedUids = UInt16(truncatingIfNeeded: v) }
        if let v = int("commit_reveal_period") { out.revealPeriodEpochs = UInt64(truncatingIfNeeded: v) }
        return out
    }

    public func blocksSinceLastUpdate(netuid: UInt16, uid: UInt16) async throws -> UInt64 {
        let head = try await header(nil)
        let bytes = try await runtimeCall("NeuronInfoRuntimeApi_get_neuron_lite", params: le16(netuid) + le16(uid), at: head.hash)
        let neuron: NeuronInfo?
        do { neuron = try NeuronInfoLiteDecoder.decodeOptionalNeuron(bytes) } catch {
            throw ChainError.decoding("get_neuron_lite(\(netuid), \(uid))", cause: ErrorCause(error))
        }
        guard let neuron else { throw ChainError.notRegistered(hotkey: "uid \(uid)", netuid: netuid) }
        return head.number >= neuron.lastUpdate ? head.number - neuron.lastUpdate : 0
    }

    // MARK: writes

    public func serveAxon(netuid: UInt16, axon: AxonInfo, signer: Keypair) async throws {
        guard let ip = IPAddressText.parse(axon.ip) else { throw ChainError.unsupported("axon ip \(axon.ip) is not an IPv4/IPv6 address") }
        let call = SubtensorCalls.serveAxon(netuid: netuid, version: axon.version, ip: ip.ip, port: axon.port, ipType: ip.type,
                                            protocol: axon.protocol, placeholder1: axon.placeholder1, placeholder2: axon.placeholder2)
        try await submit(call, signer: signer)
    }

    public func setWeights(netuid: UInt16, uids: [UInt16], weights: [Double], versionKey: UInt64, signer: Keypair) async throws {
        let q = try WeightQuantizer.quantize(uids: uids, weights: weights)
        guard !q.uids.isEmpty else { throw ChainError.invalidWeights("all weights are zero; nothing to set") }
        if try await hyperparameters(netuid: netuid).commitRevealEnabled { throw ChainError.commitRevealEnabled(netuid: netuid) }
        let rt = try await currentRuntime()
        // SDK 10.x sends set_mechanism_weights (mechanism 0) where the runtime has it.
        let call = (try? rt.metadata.call(pallet: "SubtensorModule", name: "set_mechanism_weights")) != nil
            ? SubtensorCalls.setMechanismWeights(netuid: netuid, mechanism: 0, uids: q.uids, weights: q.weights, versionKey: versionKey)
            : SubtensorCalls.setWeights(netuid: netuid, uids: q.uids, weights: q.weights, versionKey: versionKey)
        do {
            try await submit(call, signer: signer)
        } catch let error as ChainError where error.moduleErrorName == "CommitRevealEnabled" {
            throw ChainError.commitRevealEnabled(netuid: netuid)
        }
    }

    public func burnedRegister(netuid: UInt16, hotkey: String, coldkey: Keypair) async throws {
        let key: [UInt8]
        do { key = try SS58.decode(hotkey).publicKey } catch { throw ChainError.unsupported("hotkey \(hotkey)", cause: ErrorCause(error)) }
        try await submit(SubtensorCalls.burnedRegister(netuid: netuid, hotkey: key), signer: coldkey)
    }

    // MARK: plumbing

    struct Header { var number: UInt64; var hash: [UInt8] }

    /// The header of `hash` (nil = best block) with its hash.
    func header(_ hash: String?) async throws -> Header {
        let params: [JSONValue] = hash.map { [.string($0)] } ?? []
        let h = try await rpc.request("chain_getHeader", params)
        guard let number = h["number"]?.blockNumber else { throw ChainError.decoding("chain_getHeader: no number in \(h)") }
        if let hash, let bytes = Hex.decode(hash) { return Header(number: number, hash: bytes) }
        return Header(number: number, hash: try await blockHash(number))
    }

    func blockHash(_ number: UInt64) async throws -> [UInt8] {
        let v = try await rpc.request("chain_getBlockHash", [.int(Int64(number))])
        guard let bytes = v.hexBytes, bytes.count == 32 else { throw ChainError.decoding("chain_getBlockHash(\(number)): \(v)") }
        return bytes
    }

    func runtimeCall(_ method: String, params: [UInt8], at hash: [UInt8]?) async throws -> [UInt8] {
        var args: [JSONValue] = [.string(method), .string(Hex.encode(params, prefix: true))]
        if let hash { args.append(.string(Hex.encode(hash, prefix: true))) }
        let v = try await rpc.request("state_call", args)
        guard let bytes = v.hexBytes else { throw ChainError.decoding("state_call \(method): \(v)") }
        return bytes
    }

    /// Metadata, versions and genesis; refetched when the spec version changed.
    func currentRuntime(refresh: Bool = false) async throws -> Runtime {
        if let runtime, !refresh { return runtime }
        let version = try await rpc.request("state_getRuntimeVersion")
        guard let spec = version["specVersion"]?.intValue, let tx = version["transactionVersion"]?.intValue else {
            throw ChainError.decoding("state_getRuntimeVersion: \(version)")
        }
        if var runtime, runtime.specVersion == UInt32(spec) {
            runtime.transactionVersion = UInt32(tx)
            self.runtime = runtime
            return runtime
        }
        let metadata: RuntimeMetadata
        do {
            let v15 = try await runtimeCall("Metadata_metadata_at_version", params: [15, 0, 0, 0], at: nil)
            metadata = try RuntimeMetadata(bytes: v15)
        } catch let error as ChainError where error.isRPCError {
            // Older runtimes: V14 through state_getMetadata.
            let raw = try await rpc.request("state_getMetadata")
            guard let bytes = raw.hexBytes else { throw ChainError.decoding("state_getMetadata: not hex") }
            do { metadata = try RuntimeMetadata(bytes: bytes) } catch { throw ChainError.decoding("metadata", cause: ErrorCause(error)) }
        } catch let error as ScaleError {
            throw ChainError.decoding("metadata", cause: ErrorCause(error))
        }
        let genesis = try await blockHash(0)
        let rt = Runtime(metadata: metadata, specVersion: UInt32(spec), transactionVersion: UInt32(tx), genesisHash: genesis)
        runtime = rt
        logger.debug("runtime spec \(spec), tx \(tx), metadata V\(metadata.version)")
        return rt
    }

    func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
}

extension ChainError {
    var isRPCError: Bool { if case .rpc = self { true } else { false } }
}
