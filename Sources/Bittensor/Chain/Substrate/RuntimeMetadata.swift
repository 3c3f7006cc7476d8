/// Runtime metadata V14 or V15 (frame-metadata): the type registry, pallets with their calls,
/// events, errors, storage and constants, the extrinsic format with its signed extensions
/// and (V15) the runtime APIs.
public struct RuntimeMetadata: Sendable {
    public struct Pallet: Sendable {
        public var name: String
        public var index: UInt8
        public var storage: Storage?
        public var callType: UInt32?
        public var eventType: UInt32?
        public var errorType: UInt32?
        public var constants: [Constant]
    }

    public struct Storage: Sendable {
        public var prefix: String
        public var entries: [StorageEntry]
    }

    public enum StorageHasher: UInt8, Sendable {
        case blake2_128, blake2_256, blake2_128Concat, twox128, twox256, twox64Concat, identity
    }

    public struct StorageEntry: Sendable {
        public enum Kind: Sendable {
            case plain(UInt32)
            case map(hashers: [StorageHasher], key: UInt32, value: UInt32)
        }
        public var name: String
        /// `true` for `Optional` (absent → None), `false` for `Default`.
        public var isOptional: Bool
        public var kind: Kind
        public var defaultValue: [UInt8]
    }

    public struct Constant: Sendable {
        public var name: String
        public var type: UInt32
        public var value: [UInt8]
    }

    /// A signed extension (transaction extension) as the runtime lists it, in order.
    public struct SignedExtension: Sendable, Hashable {
        public var identifier: String
        /// Type of the explicit part included in the extrinsic ("extra").
        public var type: UInt32
        /// Type of the implicit part only signed ("additional signed").
        public var additionalSigned: UInt32

        public init(identifier: String, type: UInt32, additionalSigned: UInt32) {
            self.identifier = identifier; self.type = type; self.additionalSigned = additionalSigned
        }
    }

    public struct RuntimeApi: Sendable {
        public struct Method: Sendable {
            public var name: String
            public var inputs: [(name: String, type: UInt32)]
            public var output: UInt32
        }
        public var name: String
        public var methods: [Method]
    }

    /// 14 or 15.
    public var version: UInt8
    public var types: TypeRegistry
    public var pallets: [Pallet]
    public var extrinsicVersion: UInt8
    public var signedExtensions: [SignedExtension]
    /// Runtime APIs (V15 only; empty for V14).
    public var runtimeApis: [RuntimeApi]

    /// "meta" as a little-endian u32.
    static let magic: [UInt8] = [0x6d, 0x65, 0x74, 0x61]

    /// Decodes metadata from the bytes of `state_getMetadata` (`meta` ‖ version ‖ …) or of
    /// `state_call("Metadata_metadata_at_version", …)` (`Option<OpaqueMetadata>` around it).
    /// Every byte must be consumed.
    public init(bytes: [UInt8]) throws(ScaleError) {
        var d = ScaleDecoder(bytes)
        if Array(bytes.prefix(4)) != Self.magic {
            // Option<OpaqueMetadata>: 0x01, compact length, then the metadata bytes.
            guard try d.option({ (d: inout ScaleDecoder) throws(ScaleError) in try d.length() }) != nil else {
                throw .mismatch("metadata response is None (version not supported by the runtime)")
            }
        }
        guard try d.readBytes(4) == Self.magic else { throw .mismatch("metadata does not start with the magic \"meta\"") }
        version = try d.u8()
        guard version == 14 || version == 15 else { throw .mismatch("metadata version \(version) is not supported (14 or 15)") }
        types = try TypeRegistry.decode(&d)
        let v15 = version == 15
        pallets = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) in try Self.decodePallet(&d, v15: v15) }
        if v15 {
            extrinsicVersion = try d.u8()
            for _ in 0..<4 { _ = try d.compact(as: UInt32.self) }  // address, call, signature, extra types
        } else {
            _ = try d.compact(as: UInt32.self)  // extrinsic type
            extrinsicVersion = try d.u8()
        }
        signedExtensions = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) in
            let identifier = try d.string()
            let type: UInt32 = try d.compact(as: UInt32.self)
            return SignedExtension(identifier: identifier, type: type, additionalSigned: try d.compact(as: UInt32.self))
        }
        _ = try d.compact(as: UInt32.self)  // runtime type
        if v15 {
            runtimeApis = try d.vector(Self.decodeRuntimeApi)
            for _ in 0..<3 { _ = try d.compact(as: UInt32.self) }  // outer enums: call, event, error
            // custom metadata: BTreeMap<String, (type, bytes)>
            _ = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> Int in
                _ = try d.string(); _ = try d.compact(); _ = try d.byteVector(); return 0
            }
        } else {
            runtimeApis = []
        }
        try d.expectEnd()
    }

    // MARK: lookups

    public func pallet(named name: String) -> Pallet? { pallets.first { $0.name == name } }
    public func pallet(index: UInt8) -> Pallet? { pallets.first { $0.index == index } }

    /// The pallet and call indices of `pallet.call` and its argument fields.
    public func call(pallet palletName: String, name: String) throws(ChainError) -> (palletIndex: UInt8, callIndex: UInt8, arguments: [TypeRegistry.Field]) {
        guard let pallet = pallet(named: palletName) else { throw .unsupported("the runtime has no pallet \(palletName)") }
        guard let callType = pallet.callType, let t = types[callType], case let .variant(variants) = t.definition,
              let v = variants.first(where: { $0.name == name }) else {
            throw .unsupported("the runtime has no call \(palletName).\(name)")
        }
        return (pallet.index, v.index, v.fields)
    }

    /// The error variant `errorIndex` of the pallet at `palletIndex` (a `DispatchError::Module`).
    public func moduleError(palletIndex: UInt8, errorIndex: UInt8) -> (pallet: String, name: String, docs: String)? {
        guard let pallet = pallet(index: palletIndex), let errorType = pallet.errorType,
              let t = types[errorType], case let .variant(variants) = t.definition,
              let v = variants.first(where: { $0.index == errorIndex }) else { return nil }
        let docs = v.docs.map { line in String(line.drop(while: { $0 == " " })) }.joined(separator: " ")
        return (pallet.name, v.name, docs)
    }

    public func storageEntry(pallet palletName: String, name: String) -> StorageEntry? {
        pallet(named: palletName)?.storage?.entries.first { $0.name == name }
    }

    public func runtimeApiMethod(api: String, method: String) -> RuntimeApi.Method? {
        runtimeApis.first { $0.name == api }?.methods.first { $0.name == method }
    }

    // MARK: decoding

    static func docs(_ d: inout ScaleDecoder) throws(ScaleError) -> [String] {
        try d.vector { (d: inout ScaleDecoder) throws(ScaleError) in try d.string() }
    }

    private static func optionalType(_ d: inout ScaleDecoder) throws(ScaleError) -> UInt32? {
        try d.option { (d: inout ScaleDecoder) throws(ScaleError) in try d.compact(as: UInt32.self) }
    }

    private static func decodePallet(_ d: inout ScaleDecoder, v15: Bool) throws(ScaleError) -> Pallet {
        let name = try d.string()
        let storage = try d.option { (d: inout ScaleDecoder) throws(ScaleError) -> Storage in
            let prefix = try d.string()
            return Storage(prefix: prefix, entries: try d.vector(decodeStorageEntry))
        }
        let calls = try optionalType(&d)
        let events = try optionalType(&d)
        let constants = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> Constant in
            let name = try d.string()
            let type: UInt32 = try d.compact(as: UInt32.self)
            let value = try d.byteVector()
            _ = try docs(&d)
            return Constant(name: name, type: type, value: value)
        }
        let errors = try optionalType(&d)
        let index = try d.u8()
        if v15 { _ = try docs(&d) }
        return Pallet(name: name, index: index, storage: storage, callType: calls, eventType: events, errorType: errors, constants: constants)
    }

    private static func decodeStorageEntry(_ d: inout ScaleDecoder) throws(ScaleError) -> StorageEntry {
        let name = try d.string()
        let modifier = try d.u8()
        guard modifier <= 1 else { throw .unknownVariant(type: "StorageEntryModifier", index: modifier) }
        let tag = try d.u8()
        let kind: StorageEntry.Kind
        switch tag {
        case 0: kind = .plain(try d.compact(as: UInt32.self))
        case 1:
            let hashers = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> StorageHasher in
                let raw = try d.u8()
                guard let h = StorageHasher(rawValue: raw) else { throw .unknownVariant(type: "StorageHasher", index: raw) }
                return h
            }
            let key: UInt32 = try d.compact(as: UInt32.self)
            kind = .map(hashers: hashers, key: key, value: try d.compact(as: UInt32.self))
        default: throw .unknownVariant(type: "StorageEntryType", index: tag)
        }
        let def = try d.byteVector()
        _ = try docs(&d)
        return StorageEntry(name: name, isOptional: modifier == 0, kind: kind, defaultValue: def)
    }

    private static func decodeRuntimeApi(_ d: inout ScaleDecoder) throws(ScaleError) -> RuntimeApi {
        let name = try d.string()
        let methods = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> RuntimeApi.Method in
            let name = try d.string()
            let inputs = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> (name: String, type: UInt32) in
                let n = try d.string()
                return (n, try d.compact(as: UInt32.self))
            }
            let output: UInt32 = try d.compact(as: UInt32.self)
            _ = try docs(&d)
            return RuntimeApi.Method(name: name, inputs: inputs, output: output)
        }
        _ = try docs(&d)
        return RuntimeApi(name: name, methods: methods)
    }
}
