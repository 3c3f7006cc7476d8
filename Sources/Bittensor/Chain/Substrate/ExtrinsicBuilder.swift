/// What a signed extrinsic commits to besides its call: the chain (genesis, runtime versions),
/// the lifetime (era and the hash of its first block) and the account's nonce.
public struct SigningContext: Sendable, Hashable {
    public var specVersion: UInt32
    public var transactionVersion: UInt32
    public var genesisHash: [UInt8]
    public var era: Era
    /// Hash of the era's birth block (the genesis hash for an immortal era).
    public var checkpointHash: [UInt8]
    public var nonce: UInt64
    public var tip: UInt128

    public init(specVersion: UInt32, transactionVersion: UInt32, genesisHash: [UInt8], era: Era,
                checkpointHash: [UInt8], nonce: UInt64, tip: UInt128 = 0) {
        self.specVersion = specVersion; self.transactionVersion = transactionVersion
        self.genesisHash = genesisHash; self.era = era; self.checkpointHash = checkpointHash
        self.nonce = nonce; self.tip = tip
    }
}

/// A signed extrinsic ready to submit.
public struct SignedExtrinsic: Sendable, Hashable {
    /// The full encoding, length prefix included (what `author_submitExtrinsic` takes).
    public var bytes: [UInt8]
    public var call: [UInt8]
    /// call ‖ extra ‖ additional signed.
    public var payload: [UInt8]
    public var signature: [UInt8]
    /// blake2-256 of `bytes`: the transaction hash the node reports.
    public var hash: [UInt8] { Blake2b.hash256(bytes) }
}

/// Builds signed extrinsics (format v4) from the runtime metadata: call indices and argument
/// types, and the signed-extension list in the runtime's order.
public struct ExtrinsicBuilder: Sendable {
    public let metadata: RuntimeMetadata

    public init(metadata: RuntimeMetadata) { self.metadata = metadata }

    /// The call data `pallet_index ‖ call_index ‖ args` with indices and types from metadata.
    public func callData(_ call: RuntimeCall) throws(ChainError) -> [UInt8] {
        let resolved: (palletIndex: UInt8, callIndex: UInt8, arguments: [TypeRegistry.Field])
        do {
            resolved = try metadata.call(pallet: call.pallet, name: call.name)
        } catch {
            // Only when the metadata lacks the call: the known layout.
            if let fallback = call.fallback { return fallback }
            throw error
        }
        var e = ScaleEncoder([resolved.palletIndex, resolved.callIndex])
        for field in resolved.arguments {
            guard let name = field.name, let value = call.arguments[name] else {
                throw .unsupported("\(call.pallet).\(call.name) needs argument \(field.name ?? "#") which was not given")
            }
            do {
                try metadata.types.encode(value, as: field.type, into: &e)
            } catch {
                throw .unsupported("\(call.pallet).\(call.name) argument \(name)", cause: ErrorCause(error))
            }
        }
        if let extra = call.arguments.keys.first(where: { key in !resolved.arguments.contains { $0.name == key } }) {
            throw .unsupported("\(call.pallet).\(call.name) has no argument \(extra)")
        }
        return e.bytes
    }

    /// The explicit (`extra`) and implicit (`additional`) signed-extension bytes, walking the
    /// metadata's list in order. An extension this builder does not know is accepted only when
    /// both its parts are zero-sized.
    public func signedExtensions(_ context: SigningContext) throws(ChainError) -> (extra: [UInt8], additional: [UInt8]) {
        var extra = ScaleEncoder(), additional = ScaleEncoder()
        let types = metadata.types
        for ext in metadata.signedExtensions {
            switch ext.identifier {
            case "CheckSpecVersion": additional.u32(context.specVersion)
            case "CheckTxVersion": additional.u32(context.transactionVersion)
            case "CheckGenesis": additional.append(context.genesisHash)
            case "CheckMortality", "CheckEra":
                extra.append(context.era.encoded)
                additional.append(context.checkpointHash)
            case "CheckNonce": extra.compact(context.nonce)
            case "ChargeTransactionPayment", "ChargeTransactionPaymentWrapper":
                do { try types.encode(.uint(context.tip), as: ext.type, into: &extra) } catch {
                    throw .unsupported("signed extension \(ext.identifier): cannot encode the tip", cause: ErrorCause(error))
                }
            case "CheckMetadataHash":
                extra.u8(0)       // Mode::Disabled
                additional.u8(0)  // Option<H256>::None
            default:
                guard types.isZeroSized(ext.type), types.isZeroSized(ext.additionalSigned) else {
                    throw .unsupported("unknown signed extension \(ext.identifier) carries data; refusing to sign")
                }
            }
        }
        return (extra.bytes, additional.bytes)
    }

    /// The signing payload `call ‖ extra ‖ additional`.
    public func signingPayload(call: [UInt8], context: SigningContext) throws(ChainError) -> [UInt8] {
        let ext = try signedExtensions(context)
        return call + ext.extra + ext.additional
    }

    /// What is actually signed: the payload, or its blake2-256 when longer than 256 bytes.
    public static func bytesToSign(_ payload: [UInt8]) -> [UInt8] {
        payload.count > 256 ? Blake2b.hash256(payload) : payload
    }

    /// Builds and signs the extrinsic for `call` with `signer`.
    public func sign(_ call: RuntimeCall, context: SigningContext, signer: Keypair) throws(ChainError) -> SignedExtrinsic {
        let callBytes = try callData(call)
        let ext = try signedExtensions(context)
        let payload = callBytes + ext.extra + ext.additional
        let signature: [UInt8]
        do { signature = try signer.sign(Self.bytesToSign(payload)) } catch {
            throw .unsupported("cannot sign", cause: ErrorCause(error))
        }
        let bytes = Self.assemble(signer: signer.publicKey, signature: signature, extra: ext.extra, call: callBytes)
        return SignedExtrinsic(bytes: bytes, call: callBytes, payload: payload, signature: signature)
    }

    /// `Compact(len) ‖ 0x84 ‖ MultiAddress::Id(0x00) ‖ pub ‖ MultiSignature::Sr25519(0x01) ‖ sig ‖ extra ‖ call`.
    public static func assemble(signer: [UInt8], signature: [UInt8], extra: [UInt8], call: [UInt8]) -> [UInt8] {
        var body: [UInt8] = [0x84, 0x00]
        body += signer
        body.append(0x01)
        body += signature + extra + call
        return ScaleEncoder.compact(body.count) + body
    }
}
