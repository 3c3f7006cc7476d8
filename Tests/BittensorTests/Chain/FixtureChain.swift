import Bittensor
import Foundation
import Synchronization

/// A pretend finney node for the loopback server: answers the RPCs a neuron uses from the
/// recorded fixtures (metadata V15, get_neurons_lite(1)), accepts one extrinsic per
/// submission, and reports the configured outcome in `System.Events`.
final class FixtureChain: Sendable {
    enum Outcome: Sendable { case success, moduleError(pallet: UInt8, error: UInt8) }

    struct State: Sendable {
        var outcome = Outcome.success
        var commitReveal = false
        var submitted: [[UInt8]] = []
        /// Methods answered with a JSON-RPC error object / by dropping the connection / not at all.
        var failing: [String: Int] = [:]
        var dropping: Set<String> = []
        var silent: Set<String> = []
        /// Root (netuid 0) TAO stake by hotkey public key, for `TotalHotkeyAlpha(hotkey, 0)`.
        var rootStake: [[UInt8]: UInt64] = [:]
    }

    static let head: UInt64 = 6_000_100
    static let finalized: UInt64 = 6_000_098
    static let specVersion: Int64 = 331
    static let genesis = Hex.decode("0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03")!
    static let timestampExtrinsic = "0x280403000b" + String(repeating: "00", count: 8)

    let metadata: RuntimeMetadata
    let state = Mutex(State())

    /// Netuid 1's hotkeys (public keys) → uid, for the `Uids` storage map.
    let uids: [[UInt8]: UInt16]
    static let uidsPrefix = StorageKey.make(prefix: "SubtensorModule", item: "Uids", hashers: [], keys: [])

    init() throws {
        metadata = try RuntimeMetadata(bytes: ChainFixtures.metadataV15Bytes)
        var uids = [[UInt8]: UInt16]()
        for n in try NeuronInfoLiteDecoder.decodeNeurons(ChainFixtures.neuronsLiteBytes) {
            uids[try SS58.decode(n.hotkey).publicKey] = n.uid
        }
        self.uids = uids
    }

    /// Block hashes are `aa…aa ‖ number (u64 BE)`, the genesis is finney's.
    static func hash(_ n: UInt64) -> [UInt8] {
        if n == 0 { return genesis }
        return [UInt8](repeating: 0xaa, count: 24) + (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * (7 - $0))) }
    }

    static func number(of hash: [UInt8]) -> UInt64? {
        guard hash.count == 32 else { return nil }
        if hash == genesis { return 0 }
        return hash[24...].reduce(0) { $0 << 8 | UInt64($1) }
    }

    func respond(_ method: String, _ params: [JSONValue]) -> LoopbackRPCServer.Reply {
        let s = state.withLock { $0 }
        if let code = s.failing[method] { return .error(code: code, message: "Client error: \(method) failed on purpose") }
        if s.dropping.contains(method) { return .drop }
        if s.silent.contains(method) { return .silence }
        let hex = { (bytes: [UInt8]) in JSONValue.string(Hex.encode(bytes, prefix: true)) }
        switch method {
        case "chain_getHeader":
            let n = params.first?.hexBytes.flatMap(Self.number) ?? Self.head
            return .result(.object(["number": .string("0x" + String(n, radix: 16)), "parentHash": hex(Self.hash(n - 1)),
                                    "stateRoot": hex([UInt8](repeating: 1, count: 32)), "extrinsicsRoot": hex([UInt8](repeating: 2, count: 32)),
                                    "digest": .object(["logs": .array([])])]))
        case "chain_getBlockHash":
            return .result(hex(Self.hash(params.first?.blockNumber ?? Self.head)))
        case "chain_getFinalizedHead":
            return .result(hex(Self.hash(Self.finalized)))
        case "state_getRuntimeVersion":
            return .result(.object(["specName": "node-subtensor", "specVersion": .int(Self.specVersion), "transactionVersion": 1]))
        case "system_accountNextIndex":
            return .result(.int(5))
        case "state_call":
            switch params.first?.stringValue {
            case "Metadata_metadata_at_version": return .result(hex(ChainFixtures.metadataV15Bytes))
            case "NeuronInfoRuntimeApi_get_neurons_lite":
                return params.count > 1 && params[1].stringValue == "0x0100" ? .result(hex(ChainFixtures.neuronsLiteBytes)) : .result("0x00")
            case "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2":
                return .result(hex((try? hyperparameters(commitReveal: s.commitReveal, exists: params.count > 1 && params[1].stringValue == "0x0100")) ?? []))
            default: return .error(code: -32000, message: "Client error: Execution failed: Other: Exported method \(params.first?.stringValue ?? "") is not found")
            }
        case "author_submitAndWatchExtrinsic":
            guard let bytes = params.first?.hexBytes else { return .error(code: -32602, message: "invalid params") }
            state.withLock { $0.submitted.append(bytes) }
            return .subscription(id: "0x5ub", notifications: ["ready", .object(["inBlock": hex(Self.hash(Self.head + 1))])])
        case "chain_subscribeNewHeads":
            let headers: [JSONValue] = (1...3).map { i in .object(["number": .string("0x" + String(Self.head + UInt64(i), radix: 16))]) }
            return .subscription(id: "0x4eadc0de", notifications: headers)
        case "author_unwatchExtrinsic", "chain_unsubscribeNewHeads":
            return .result(.bool(true))
        case "chain_getBlock":
            let last = state.withLock { $0.submitted.last } ?? []
            return .result(.object(["block": .object(["header": .object([:]), "extrinsics": .array([.string(Self.timestampExtrinsic), hex(last)])]), "justifications": .null]))
        case "state_queryStorageAt":
            // TotalHotkeyAlpha: prefix ‖ blake2_128(account) ‖ account ‖ netuid (Identity, u16 LE).
            guard let keys = params.first?.arrayValue else { return .error(code: -32602, message: "invalid params") }
            let prefix = StorageKey.make(prefix: "SubtensorModule", item: "TotalHotkeyAlpha", hashers: [], keys: [])
            let changes: [JSONValue] = keys.compactMap { key in
                guard let bytes = key.hexBytes, bytes.starts(with: prefix), bytes.count == 32 + 16 + 32 + 2,
                      bytes.suffix(2) == [0, 0], let stake = s.rootStake[Array(bytes[48..<80])] else { return nil }
                return .array([key, hex((0..<8).map { UInt8(truncatingIfNeeded: stake >> (8 * $0)) })])
            }
            return .result(.array([.object(["block": params.count > 1 ? params[1] : .null, "changes": .array(changes)])]))
        case "state_getStorage":
            guard let key = params.first?.hexBytes else { return .error(code: -32602, message: "invalid params") }
            if key.starts(with: Self.uidsPrefix) {
                // prefix ‖ netuid (Identity) ‖ blake2_128(account) ‖ account
                guard key.count == 32 + 2 + 16 + 32, key[32] == 1, key[33] == 0, let uid = uids[Array(key.suffix(32))] else { return .result(.null) }
                return .result(hex([UInt8(uid & 0xff), UInt8(uid >> 8)]))
            }
            guard Hex.encode(key, prefix: true) == EventDecoder.systemEventsKey else { return .result(.null) }
            return .result(hex((try? events(s.outcome)) ?? []))
        default:
            return .error(code: -32601, message: "Method not found")
        }
    }

    // MARK: values built with the metadata's own types

    /// A zero/empty value of any registered type.
    func zero(_ id: UInt32) -> ScaleValue {
        guard let t = metadata.types[id] else { return .uint(0) }
        switch t.definition {
        case let .composite(fields): return .composite(fields.map { ScaleField($0.name, zero($0.type)) })
        case let .variant(variants):
            let v = variants.first { $0.fields.isEmpty } ?? variants[0]
            return .variant(name: v.name, index: v.index, fields: v.fields.map { ScaleField($0.name, zero($0.type)) })
        case .sequence: return .sequence([])
        case let .array(length, item):
            if case .primitive(.u8) = metadata.types[item]?.definition { return .bytes([UInt8](repeating: 0, count: Int(length))) }
            return .sequence((0..<length).map { _ in zero(item) })
        case let .tuple(items): return .sequence(items.map(zero))
        case let .primitive(p):
            switch p {
            case .bool: return .bool(false)
            case .str: return .string("")
            case .u256, .i256: return .raw([UInt8](repeating: 0, count: 32))
            default: return .uint(0)
            }
        case .compact: return .uint(0)
        case .bitSequence: return .raw([0])
        }
    }

    func setting(_ value: ScaleValue, _ overrides: [String: ScaleValue]) -> ScaleValue {
        guard case let .composite(fields) = value else { return value }
        return .composite(fields.map { f in ScaleField(f.name, f.name.flatMap { overrides[$0] } ?? f.value) })
    }

    func hyperparameters(commitReveal: Bool, exists: Bool) throws -> [UInt8] {
        guard let method = metadata.runtimeApiMethod(api: "SubnetInfoRuntimeApi", method: "get_subnet_hyperparams_v2") else {
            throw ScaleError.mismatch("no hyperparameters API")
        }
        guard exists else { return try metadata.types.encode(.variant(name: "None", index: 0, fields: []), as: method.output) }
        guard case let .variant(variants) = metadata.types[method.output]!.definition, let some = variants.first(where: { $0.name == "Some" }) else {
            throw ScaleError.mismatch("hyperparameters type")
        }
        let hp = setting(zero(some.fields[0].type), [
            "tempo": .uint(360), "weights_rate_limit": .uint(100), "weights_version": .uint(1_005_000),
            "commit_reveal_weights_enabled": .bool(commitReveal), "min_allowed_weights": .uint(1),
            "max_weights_limit": .uint(65535), "immunity_period": .uint(5000),
        ])
        return try metadata.types.encode(.variant(name: "Some", index: 1, fields: [ScaleField(nil, hp)]), as: method.output)
    }

    /// `System.Events` with the timestamp extrinsic's success and ours (index 1) with `outcome`.
    func events(_ outcome: Outcome) throws -> [UInt8] {
        guard case let .plain(eventsType)? = metadata.storageEntry(pallet: "System", name: "Events")?.kind,
              case let .sequence(recordType)? = metadata.types[eventsType]?.definition,
              case let .composite(recordFields)? = metadata.types[recordType]?.definition,
              let system = metadata.pallet(named: "System"), let systemEvents = system.eventType,
              case let .variant(variants)? = metadata.types[systemEvents]?.definition,
              let success = variants.first(where: { $0.name == "ExtrinsicSuccess" }),
              let failed = variants.first(where: { $0.name == "ExtrinsicFailed" }) else { throw ScaleError.mismatch("event types") }
        _ = recordFields
        func record(_ index: UInt32, _ event: ScaleValue) -> ScaleValue {
            .composite([ScaleField("phase", .variant(name: "ApplyExtrinsic", index: 0, fields: [ScaleField(nil, .uint(UInt128(index)))])),
                        ScaleField("event", .variant(name: "System", index: 0, fields: [ScaleField(nil, event)])),
                        ScaleField("topics", .sequence([]))])
        }
        let ok = ScaleValue.variant(name: "ExtrinsicSuccess", index: success.index, fields: success.fields.map { ScaleField($0.name, zero($0.type)) })
        var records = [record(0, ok)]
        switch outcome {
        case .success: records.append(record(1, ok))
        case let .moduleError(pallet, error):
            let dispatchError = ScaleValue.variant(name: "Module", index: 3, fields: [ScaleField(nil, .composite([
                ScaleField("index", .uint(UInt128(pallet))), ScaleField("error", .bytes([error, 0, 0, 0])),
            ]))])
            let infoType = failed.fields.first { $0.name == "dispatch_info" }!.type
            records.append(record(1, .variant(name: "ExtrinsicFailed", index: failed.index, fields: [
                ScaleField("dispatch_error", dispatchError), ScaleField("dispatch_info", zero(infoType)),
            ])))
        }
        return try metadata.types.encode(.sequence(records), as: eventsType)
    }
}
