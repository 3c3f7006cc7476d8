/// The portable type registry of runtime metadata (scale-info): every type the runtime
/// encodes, by id.
public struct TypeRegistry: Sendable {
    /// A field of a composite or of an enum variant.
    public struct Field: Sendable, Hashable {
        public var name: String?
        public var type: UInt32
        public var typeName: String?
    }

    /// An enum variant.
    public struct Variant: Sendable, Hashable {
        public var name: String
        public var fields: [Field]
        public var index: UInt8
        public var docs: [String]
    }

    public enum Primitive: UInt8, Sendable, Hashable {
        case bool, char, str, u8, u16, u32, u64, u128, u256, i8, i16, i32, i64, i128, i256

        /// Encoded width in bytes (nil for `str`).
        public var width: Int? {
            switch self {
            case .bool, .u8, .i8: 1
            case .u16, .i16: 2
            case .char, .u32, .i32: 4
            case .u64, .i64: 8
            case .u128, .i128: 16
            case .u256, .i256: 32
            case .str: nil
            }
        }
    }

    public indirect enum Definition: Sendable, Hashable {
        case composite([Field])
        case variant([Variant])
        case sequence(UInt32)
        case array(length: UInt32, UInt32)
        case tuple([UInt32])
        case primitive(Primitive)
        case compact(UInt32)
        case bitSequence(store: UInt32, order: UInt32)
    }

    /// One registered type.
    public struct PortableType: Sendable, Hashable {
        public var id: UInt32
        /// e.g. `["sp_runtime", "generic", "era", "Era"]`.
        public var path: [String]
        public var definition: Definition
        public var name: String { path.joined(separator: "::") }
    }

    public private(set) var types: [UInt32: PortableType]

    public init(types: [PortableType]) {
        var byId = [UInt32: PortableType](minimumCapacity: types.count)
        for t in types { byId[t.id] = t }
        self.types = byId
    }

    public subscript(id: UInt32) -> PortableType? { types[id] }

    public func type(_ id: UInt32) throws(ScaleError) -> PortableType {
        guard let t = types[id] else { throw .unknownType(id: id) }
        return t
    }

    /// True when values of `id` encode to no bytes (a unit struct, an empty tuple, a
    /// composite of zero-sized fields, `PhantomData`).
    public func isZeroSized(_ id: UInt32, depth: Int = 0) -> Bool {
        guard depth < 32, let t = types[id] else { return false }
        switch t.definition {
        case let .composite(fields): return fields.allSatisfy { isZeroSized($0.type, depth: depth + 1) }
        case let .tuple(items): return items.allSatisfy { isZeroSized($0, depth: depth + 1) }
        case let .array(length, item): return length == 0 || isZeroSized(item, depth: depth + 1)
        default: return false
        }
    }

    // MARK: decoding the registry itself

    static func decode(_ d: inout ScaleDecoder) throws(ScaleError) -> TypeRegistry {
        let types = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> PortableType in
            let id: UInt32 = try d.compact(as: UInt32.self)
            let path = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) in try d.string() }
            // type parameters: name + Option<type>; not needed beyond decoding.
            _ = try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> Int in
                _ = try d.string()
                _ = try d.option { (d: inout ScaleDecoder) throws(ScaleError) in try d.compact(as: UInt32.self) }
                return 0
            }
            let def = try decodeDefinition(&d)
            _ = try RuntimeMetadata.docs(&d)
            return PortableType(id: id, path: path, definition: def)
        }
        return TypeRegistry(types: types)
    }

    static func decodeField(_ d: inout ScaleDecoder) throws(ScaleError) -> Field {
        let name = try d.option { (d: inout ScaleDecoder) throws(ScaleError) in try d.string() }
        let type: UInt32 = try d.compact(as: UInt32.self)
        let typeName = try d.option { (d: inout ScaleDecoder) throws(ScaleError) in try d.string() }
        _ = try RuntimeMetadata.docs(&d)
        return Field(name: name, type: type, typeName: typeName)
    }

    private static func decodeDefinition(_ d: inout ScaleDecoder) throws(ScaleError) -> Definition {
        let tag = try d.u8()
        switch tag {
        case 0: return .composite(try d.vector(decodeField))
        case 1:
            return .variant(try d.vector { (d: inout ScaleDecoder) throws(ScaleError) -> Variant in
                let name = try d.string()
                let fields = try d.vector(decodeField)
                let index = try d.u8()
                let docs = try RuntimeMetadata.docs(&d)
                return Variant(name: name, fields: fields, index: index, docs: docs)
            })
        case 2: return .sequence(try d.compact(as: UInt32.self))
        case 3:
            let len = try d.u32()
            return .array(length: len, try d.compact(as: UInt32.self))
        case 4: return .tuple(try d.vector { (d: inout ScaleDecoder) throws(ScaleError) in try d.compact(as: UInt32.self) })
        case 5:
            let raw = try d.u8()
            guard let p = Primitive(rawValue: raw) else { throw .unknownVariant(type: "TypeDefPrimitive", index: raw) }
            return .primitive(p)
        case 6: return .compact(try d.compact(as: UInt32.self))
        case 7:
            let store: UInt32 = try d.compact(as: UInt32.self)
            return .bitSequence(store: store, order: try d.compact(as: UInt32.self))
        default: throw .unknownVariant(type: "TypeDef", index: tag)
        }
    }
}
