/// The generic SCALE codec driven by the metadata's type registry.
extension TypeRegistry {
    private static let maxDepth = 200

    /// Decodes one value of type `id`.
    public func decode(_ id: UInt32, from d: inout ScaleDecoder) throws(ScaleError) -> ScaleValue {
        try decode(id, from: &d, depth: 0)
    }

    /// Decodes `bytes` as one value of type `id`, requiring every byte to be consumed.
    public func decode(_ id: UInt32, bytes: [UInt8]) throws(ScaleError) -> ScaleValue {
        var d = ScaleDecoder(bytes)
        let v = try decode(id, from: &d, depth: 0)
        try d.expectEnd()
        return v
    }

    private func isByte(_ id: UInt32) -> Bool {
        if case .primitive(.u8) = types[id]?.definition { true } else { false }
    }

    private func decode(_ id: UInt32, from d: inout ScaleDecoder, depth: Int) throws(ScaleError) -> ScaleValue {
        guard depth < Self.maxDepth else { throw .mismatch("type nesting deeper than \(Self.maxDepth)") }
        let t = try type(id)
        switch t.definition {
        case let .composite(fields):
            var out = [ScaleField]()
            for f in fields { out.append(ScaleField(f.name, try decode(f.type, from: &d, depth: depth + 1))) }
            return .composite(out)
        case let .variant(variants):
            let index = try d.u8()
            guard let v = variants.first(where: { $0.index == index }) else { throw .unknownVariant(type: t.name, index: index) }
            var out = [ScaleField]()
            for f in v.fields { out.append(ScaleField(f.name, try decode(f.type, from: &d, depth: depth + 1))) }
            return .variant(name: v.name, index: index, fields: out)
        case let .sequence(item):
            if isByte(item) { return .bytes(try d.byteVector()) }
            let n = try d.length(minElementSize: isZeroSized(item) ? 0 : 1)
            var out = [ScaleValue]()
            out.reserveCapacity(n)
            for _ in 0..<n { out.append(try decode(item, from: &d, depth: depth + 1)) }
            return .sequence(out)
        case let .array(length, item):
            if isByte(item) { return .bytes(try d.readBytes(Int(length))) }
            var out = [ScaleValue]()
            for _ in 0..<length { out.append(try decode(item, from: &d, depth: depth + 1)) }
            return .sequence(out)
        case let .tuple(items):
            var out = [ScaleValue]()
            for item in items { out.append(try decode(item, from: &d, depth: depth + 1)) }
            return .sequence(out)
        case let .primitive(p):
            switch p {
            case .bool: return .bool(try d.bool())
            case .str: return .string(try d.string())
            case .u8, .i8: return .uint(UInt128(try d.u8()))
            case .u16, .i16: return .uint(UInt128(try d.u16()))
            case .u32, .i32, .char: return .uint(UInt128(try d.u32()))
            case .u64, .i64: return .uint(UInt128(try d.u64()))
            case .u128, .i128: return .uint(try d.u128())
            case .u256, .i256: return .raw(try d.readBytes(32))
            }
        case .compact:
            return .uint(try d.compact())
        case let .bitSequence(store, _):
            let bits = try d.compact()
            let storeBytes: Int = if case let .primitive(p) = types[store]?.definition, let w = p.width { w } else { 1 }
            let storeBits = UInt128(storeBytes * 8)
            let words = (bits + storeBits - 1) / storeBits
            guard words <= UInt128(d.remaining) else { throw .truncated(offset: d.offset, needed: Int(clamping: min(words, UInt128(Int.max)))) }
            return .raw(try d.readBytes(Int(words) * storeBytes))
        }
    }

    /// Encodes `value` as type `id`. A single-field struct accepts its field's value directly.
    public func encode(_ value: ScaleValue, as id: UInt32, into e: inout ScaleEncoder) throws(ScaleError) {
        try encode(value, as: id, into: &e, depth: 0)
    }

    public func encode(_ value: ScaleValue, as id: UInt32) throws(ScaleError) -> [UInt8] {
        var e = ScaleEncoder()
        try encode(value, as: id, into: &e, depth: 0)
        return e.bytes
    }

    private func encode(_ value: ScaleValue, as id: UInt32, into e: inout ScaleEncoder, depth: Int) throws(ScaleError) {
        guard depth < Self.maxDepth else { throw .mismatch("type nesting deeper than \(Self.maxDepth)") }
        let t = try type(id)
        switch (t.definition, value) {
        case let (.composite(fields), .composite(values)):
            guard fields.count == values.count else { throw .mismatch("\(t.name) has \(fields.count) fields, got \(values.count)") }
            for (f, v) in zip(fields, values) { try encode(v.value, as: f.type, into: &e, depth: depth + 1) }
        case let (.composite(fields), _) where fields.count == 1:
            try encode(value, as: fields[0].type, into: &e, depth: depth + 1)
        case let (.composite(fields), _) where fields.isEmpty:
            break
        case let (.variant(variants), .variant(name, _, values)):
            guard let v = variants.first(where: { $0.name == name }) else { throw .mismatch("\(t.name) has no variant \(name)") }
            guard v.fields.count == values.count else { throw .mismatch("\(t.name)::\(name) has \(v.fields.count) fields, got \(values.count)") }
            e.u8(v.index)
            for (f, fv) in zip(v.fields, values) { try encode(fv.value, as: f.type, into: &e, depth: depth + 1) }
        case let (.sequence(item), .bytes(raw)) where isByte(item):
            e.byteVector(raw)
        case let (.sequence(item), .sequence(items)):
            e.compact(items.count)
            for v in items { try encode(v, as: item, into: &e, depth: depth + 1) }
        case let (.array(length, item), .bytes(raw)) where isByte(item):
            guard raw.count == Int(length) else { throw .mismatch("\(t.name) needs \(length) bytes, got \(raw.count)") }
            e.append(raw)
        case let (.array(length, item), .sequence(items)):
            guard items.count == Int(length) else { throw .mismatch("\(t.name) needs \(length) items, got \(items.count)") }
            for v in items { try encode(v, as: item, into: &e, depth: depth + 1) }
        case let (.tuple(types), .sequence(items)):
            guard types.count == items.count else { throw .mismatch("tuple of \(types.count), got \(items.count)") }
            for (ty, v) in zip(types, items) { try encode(v, as: ty, into: &e, depth: depth + 1) }
        case (.tuple(let types), _) where types.isEmpty:
            break
        case let (.primitive(p), _):
            try encodePrimitive(p, value, into: &e)
        case let (.compact(_), v):
            guard let n = v.uintValue else { throw .mismatch("Compact needs an integer, got \(v)") }
            e.compact(n)
        default:
            throw .mismatch("cannot encode \(value) as \(t.name.isEmpty ? "type \(id)" : t.name)")
        }
    }

    private func encodePrimitive(_ p: Primitive, _ value: ScaleValue, into e: inout ScaleEncoder) throws(ScaleError) {
        switch (p, value) {
        case let (.bool, .bool(b)): e.bool(b)
        case let (.str, .string(s)): e.string(s)
        case let (_, .uint(n)):
            guard let width = p.width, width <= 16, p != .bool, p != .str else { throw .mismatch("cannot encode \(n) as \(p)") }
            guard width == 16 || n < (UInt128(1) << (8 * width)) else { throw .valueOutOfRange("\(n) does not fit \(p)") }
            for i in 0..<width { e.u8(UInt8(truncatingIfNeeded: n >> (8 * i))) }
        case let (_, .raw(raw)) where p.width == raw.count:
            e.append(raw)
        default:
            throw .mismatch("cannot encode \(value) as \(p)")
        }
    }
}
