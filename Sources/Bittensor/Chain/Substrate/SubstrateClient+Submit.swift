import Foundation

/// Submitting signed extrinsics and reading their outcome.
extension SubstrateClient {
    /// Signs `call`, submits it with `author_submitAndWatchExtrinsic` and waits for inclusion
    /// (or finalization); throws the module error by name when the extrinsic failed.
    /// Returns the inclusion block hash.
    @discardableResult
    public func submit(_ call: RuntimeCall, signer: Keypair) async throws -> [UInt8] {
        let extrinsic = try await sign(call, signer: signer)
        let (subscription, updates) = try await rpc.subscribe("author_submitAndWatchExtrinsic", [.string(Hex.encode(extrinsic.bytes, prefix: true))])
        defer { Task { [rpc] in await rpc.unsubscribe(subscription, method: "author_unwatchExtrinsic") } }
        let wantFinal = configuration.waitForFinalization
        let timeout = configuration.inclusionTimeout
        let blockHash: [UInt8] = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            group.addTask {
                for try await status in updates {
                    if let s = status.stringValue {
                        switch s {
                        case "ready", "future": continue
                        case "dropped", "invalid", "usurped": throw ChainError.rpc(code: 1010, message: "transaction \(s)")
                        default: continue
                        }
                    }
                    if let hash = status["inBlock"]?.hexBytes, !wantFinal { return hash }
                    if let hash = status["finalized"]?.hexBytes { return hash }
                    for bad in ["dropped", "invalid", "usurped", "finalityTimeout"] where status[bad] != nil {
                        throw ChainError.rpc(code: 1010, message: "transaction \(bad)")
                    }
                }
                throw ChainError.connection("the extrinsic watch ended before inclusion")
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ChainError.timeout("waiting for the extrinsic to be included")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
        try await checkOutcome(of: extrinsic, inBlock: blockHash)
        return blockHash
    }

    /// Builds the signed extrinsic against the node's current runtime, nonce and a mortal era
    /// anchored at the finalized head (as the SDK does).
    public func sign(_ call: RuntimeCall, signer: Keypair) async throws -> SignedExtrinsic {
        let rt = try await currentRuntime(refresh: true)
        let nonceValue = try await rpc.request("system_accountNextIndex", [.string(signer.ss58Address)])
        guard let nonce = nonceValue.intValue, nonce >= 0 else { throw ChainError.decoding("system_accountNextIndex: \(nonceValue)") }
        let finalizedHash = try await rpc.request("chain_getFinalizedHead")
        let finalized = try await header(finalizedHash.stringValue)
        let era = Era(period: configuration.eraPeriod, currentBlock: finalized.number)
        let birth = era.birth(currentBlock: finalized.number) ?? finalized.number
        let checkpoint = birth == finalized.number ? finalized.hash : try await blockHash(birth)
        let context = SigningContext(specVersion: rt.specVersion, transactionVersion: rt.transactionVersion, genesisHash: rt.genesisHash,
                                     era: era, checkpointHash: checkpoint, nonce: UInt64(nonce))
        return try ExtrinsicBuilder(metadata: rt.metadata).sign(call, context: context, signer: signer)
    }

    private func checkOutcome(of extrinsic: SignedExtrinsic, inBlock hash: [UInt8]) async throws {
        let hashHex = Hex.encode(hash, prefix: true)
        let block = try await rpc.request("chain_getBlock", [.string(hashHex)])
        guard case let .array(extrinsics)? = block["block"]?["extrinsics"] else { throw ChainError.decoding("chain_getBlock: no extrinsics") }
        guard let index = extrinsics.firstIndex(where: { $0.hexBytes.map(Blake2b.hash256) == extrinsic.hash }) else {
            throw ChainError.decoding("the inclusion block does not contain the extrinsic")
        }
        let rt = try await currentRuntime()
        let raw = try await rpc.request("state_getStorage", [.string(EventDecoder.systemEventsKey), .string(hashHex)])
        guard let bytes = raw.hexBytes else { throw ChainError.decoding("System.Events missing at \(hashHex)") }
        let decoder = EventDecoder(metadata: rt.metadata)
        switch decoder.outcome(of: UInt32(index), in: try decoder.decodeEvents(bytes)) {
        case .success: return
        case let .failed(error): throw error
        case .unknown: throw ChainError.decoding("no ExtrinsicSuccess/ExtrinsicFailed event for extrinsic \(index)")
        }
    }
}
