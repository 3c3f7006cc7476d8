import Foundation

/// Commit-reveal v4 against a real node: the epoch schedule from SubtensorModule storage (as
/// SDK 10.5's `get_epoch_schedule_state`), drand quicknet, and the timelocked commit extrinsic.
extension SubstrateClient {
    public func epochSchedule(netuid: UInt16) async throws -> EpochSchedule {
        let head = try await header(nil)
        let rt = try await currentRuntime()
        let key = le16(netuid)
        func read(_ item: String) async throws -> UInt64? {
            guard rt.metadata.storageEntry(pallet: "SubtensorModule", name: item) != nil else { return nil }
            return try await storageUInt(rt.metadata, item: item, keys: [key], at: head.hash)
        }
        guard let tempo = try await read("Tempo") else { throw ChainError.unsupported("the runtime has no SubtensorModule.Tempo") }
        let sinceStep = try await read("BlocksSinceLastStep") ?? 0
        guard let last = try await read("LastEpochBlock"), let index = try await read("SubnetEpochIndex") else {
            // A runtime before the stateful epoch counter: epochs run on the fixed modulo schedule.
            return EpochSchedule.legacy(netuid: netuid, tempo: UInt16(truncatingIfNeeded: tempo), block: head.number,
                                        blocksSinceLastStep: sinceStep)
        }
        return EpochSchedule(lastEpochBlock: last, pendingEpochAt: try await read("PendingEpochAt") ?? 0, subnetEpochIndex: index,
                             tempo: UInt16(truncatingIfNeeded: tempo), blocksSinceLastStep: sinceStep, currentBlock: head.number)
    }

    public func timelockBeacon() async throws -> TimelockBeacon { .quicknet }

    public func expectedBlockTime() async throws -> Double { 12 }

    public func commitTimelockedWeights(netuid: UInt16, mecid: UInt8, commit: [UInt8], revealRound: UInt64,
                                        version: UInt16, signer: Keypair) async throws {
        guard commit.count <= CommitReveal.maxCommitBytes else {
            throw ChainError.invalidWeights("the commit is \(commit.count) bytes; the chain takes at most \(CommitReveal.maxCommitBytes)")
        }
        let call = SubtensorCalls.commitTimelockedMechanismWeights(netuid: netuid, mecid: mecid, commit: commit,
                                                                   revealRound: revealRound, version: version)
        do {
            try await submit(call, signer: signer)
        } catch let error as ChainError where error.moduleErrorName == "CommitRevealDisabled" {
            throw ChainError.commitRevealDisabled(netuid: netuid)
        }
    }

    /// An unsigned-integer storage value of `SubtensorModule.item` at `hash`, the entry's
    /// default when absent.
    func storageUInt(_ metadata: RuntimeMetadata, item: String, keys: [[UInt8]], at hash: [UInt8]) async throws -> UInt64 {
        guard let entry = metadata.storageEntry(pallet: "SubtensorModule", name: item) else {
            throw ChainError.unsupported("the runtime has no storage item SubtensorModule.\(item)")
        }
        let valueType: UInt32 = switch entry.kind {
        case let .plain(t): t
        case let .map(_, _, value): value
        }
        let storageKey = try StorageKey.make(metadata: metadata, pallet: "SubtensorModule", item: item, keys: keys)
        let raw = try await rpc.request("state_getStorage", [.string(Hex.encode(storageKey, prefix: true)),
                                                             .string(Hex.encode(hash, prefix: true))])
        let bytes = raw.isNull ? entry.defaultValue : (raw.hexBytes ?? [])
        if raw.isNull && entry.isOptional { return 0 }
        do {
            guard let v = try metadata.types.decode(valueType, bytes: bytes).uintValue else {
                throw ChainError.decoding("SubtensorModule.\(item) is not an integer")
            }
            return UInt64(truncatingIfNeeded: v)
        } catch let error as ScaleError {
            throw ChainError.decoding("SubtensorModule.\(item)", cause: ErrorCause(error))
        }
    }
}
