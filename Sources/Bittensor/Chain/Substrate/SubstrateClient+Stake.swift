/// Stake on the dynamic-TAO chain beyond what `get_neurons_lite` reports (alpha on the subnet).
extension SubstrateClient {
    /// Root TAO staked on each of `hotkeys` (SS58) at block `hash`: `SubtensorModule.TotalHotkeyAlpha(hotkey, 0)`
    /// — on root (netuid 0) the staked token is TAO. One `state_queryStorageAt` for all of them;
    /// hotkeys with no root stake are absent. Empty when the runtime has no such item (before
    /// dynamic TAO), so stake weight is alpha alone there.
    public func rootStakes(hotkeys: [String], at hash: [UInt8]) async throws -> [String: UInt64] {
        let rt = try await currentRuntime()
        guard !hotkeys.isEmpty, let entry = rt.metadata.storageEntry(pallet: "SubtensorModule", name: "TotalHotkeyAlpha"),
              case let .map(_, _, valueType) = entry.kind else { return [:] }
        var hotkeyByKey: [String: String] = [:]
        var keys: [JSONValue] = []
        for hotkey in hotkeys {
            guard let account = try? SS58.decode(hotkey).publicKey else { continue }
            let key = Hex.encode(try StorageKey.make(metadata: rt.metadata, pallet: "SubtensorModule", item: "TotalHotkeyAlpha",
                                                     keys: [account, le16(0)]), prefix: true)
            hotkeyByKey[key] = hotkey
            keys.append(.string(key))
        }
        let answer = try await rpc.request("state_queryStorageAt", [.array(keys), .string(Hex.encode(hash, prefix: true))])
        var stakes: [String: UInt64] = [:]
        // [{"block": hash, "changes": [[key, value-or-null], …]}]
        for changeSet in answer.arrayValue ?? [] {
            for change in changeSet["changes"]?.arrayValue ?? [] {
                guard let pair = change.arrayValue, pair.count == 2, let key = pair[0].stringValue,
                      let hotkey = hotkeyByKey[key.lowercased()] ?? hotkeyByKey[key], let bytes = pair[1].hexBytes else { continue }
                do {
                    guard let value = try rt.metadata.types.decode(valueType, bytes: bytes).uintValue else {
                        throw ChainError.decoding("SubtensorModule.TotalHotkeyAlpha is not an integer")
                    }
                    stakes[hotkey] = UInt64(truncatingIfNeeded: value)
                } catch let error as ScaleError {
                    throw ChainError.decoding("SubtensorModule.TotalHotkeyAlpha", cause: ErrorCause(error))
                }
            }
        }
        return stakes
    }
}
