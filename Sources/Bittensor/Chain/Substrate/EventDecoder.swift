/// Reads `System.Events` of a block to tell whether one extrinsic succeeded, and if not,
/// which module error (by name, from metadata) the runtime reported.
public struct EventDecoder: Sendable {
    /// The outcome of one extrinsic.
    public enum Outcome: Sendable, Equatable {
        case success
        case failed(ChainError)
        /// No ExtrinsicSuccess/ExtrinsicFailed event for this extrinsic was found.
        case unknown
    }

    /// One event: pallet and variant name, and the extrinsic index it belongs to (nil for
    /// initialization/finalization events).
    public struct Event: Sendable, Hashable {
        public var pallet: String
        public var name: String
        public var extrinsicIndex: UInt32?
        public var fields: [ScaleField]
    }

    /// `twox128("System") ‖ twox128("Events")`, the well-known storage key.
    public static let systemEventsKey = "0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7"

    public let metadata: RuntimeMetadata

    public init(metadata: RuntimeMetadata) { self.metadata = metadata }

    /// Decodes the SCALE value of `System.Events`.
    public func decodeEvents(_ bytes: [UInt8]) throws(ChainError) -> [Event] {
        guard let entry = metadata.storageEntry(pallet: "System", name: "Events") else {
            throw .unsupported("the runtime metadata has no System.Events")
        }
        let valueType: UInt32
        switch entry.kind {
        case let .plain(t): valueType = t
        case let .map(_, _, value): valueType = value
        }
        let value: ScaleValue
        do { value = try metadata.types.decode(valueType, bytes: bytes) } catch {
            throw .decoding("System.Events", cause: ErrorCause(error))
        }
        guard case let .sequence(records) = value else { throw .decoding("System.Events is not a sequence") }
        return records.compactMap { record -> Event? in
            guard case let .variant(pallet, _, palletFields)? = record["event"],
                  case let .variant(name, _, fields)? = palletFields.first?.value else { return nil }
            var index: UInt32?
            if case let .variant(phase, _, phaseFields)? = record["phase"], phase == "ApplyExtrinsic" {
                index = phaseFields.first?.value.uintValue.map { UInt32(truncatingIfNeeded: $0) }
            }
            return Event(pallet: pallet, name: name, extrinsicIndex: index, fields: fields)
        }
    }

    /// The outcome of the extrinsic at `extrinsicIndex` in the block whose events are `events`.
    public func outcome(of extrinsicIndex: UInt32, in events: [Event]) -> Outcome {
        for event in events where event.extrinsicIndex == extrinsicIndex && event.pallet == "System" {
            switch event.name {
            case "ExtrinsicSuccess": return .success
            case "ExtrinsicFailed":
                let dispatchError = event.fields.first { $0.name == "dispatch_error" }?.value ?? event.fields.first?.value
                return .failed(error(from: dispatchError))
            default: continue
            }
        }
        return .unknown
    }

    /// A `DispatchError` value as a `ChainError`: module errors by their metadata name.
    public func error(from dispatchError: ScaleValue?) -> ChainError {
        guard case let .variant(kind, _, fields)? = dispatchError else { return .decoding("ExtrinsicFailed without a dispatch error") }
        guard kind == "Module", let module = fields.first?.value else {
            // BadOrigin, Token(FundsUnavailable), Arithmetic(Overflow), …
            var name = kind
            if case let .variant(inner, _, _)? = fields.first?.value { name += ".\(inner)" }
            return .module(pallet: "Dispatch", name: name)
        }
        guard let palletIndex = module["index"]?.uintValue, let errorBytes = module["error"]?.bytesValue, let errorIndex = errorBytes.first else {
            return .decoding("malformed ModuleError \(module)")
        }
        let p = UInt8(truncatingIfNeeded: palletIndex)
        if let known = metadata.moduleError(palletIndex: p, errorIndex: errorIndex) {
            return .module(pallet: known.pallet, name: known.name, docs: known.docs)
        }
        return .module(pallet: "pallet#\(p)", name: "error#\(errorIndex)")
    }
}
