/// A runtime call by name: the builder takes pallet/call indices and argument types from the
/// metadata. `fallback` is the hand-encoded call data used only when the metadata lacks the
/// call (pallet SubtensorModule = 7 and the known call indices).
public struct RuntimeCall: Sendable, Hashable {
    public var pallet: String
    public var name: String
    /// Arguments by the metadata's field names.
    public var arguments: [String: ScaleValue]
    public var fallback: [UInt8]?

    public init(pallet: String, name: String, arguments: [String: ScaleValue], fallback: [UInt8]? = nil) {
        self.pallet = pallet; self.name = name; self.arguments = arguments; self.fallback = fallback
    }
}

/// The SubtensorModule calls a neuron sends (layouts in bittensor-protocol.md §3.5).
public enum SubtensorCalls {
    static let pallet = "SubtensorModule"
    static let palletIndex: UInt8 = 7

    private static func u16s(_ values: [UInt16]) -> ScaleValue { .sequence(values.map { .uint(UInt128($0)) }) }

    private static func handVector(_ values: [UInt16], into e: inout ScaleEncoder) {
        e.compact(values.count)
        for v in values { e.u16(v) }
    }

    /// `set_weights(netuid, dests: Vec<u16>, weights: Vec<u16>, version_key: u64)`.
    public static func setWeights(netuid: UInt16, uids: [UInt16], weights: [UInt16], versionKey: UInt64) -> RuntimeCall {
        var e = ScaleEncoder([palletIndex, 0])
        e.u16(netuid); handVector(uids, into: &e); handVector(weights, into: &e); e.u64(versionKey)
        return RuntimeCall(pallet: pallet, name: "set_weights", arguments: [
            "netuid": .uint(UInt128(netuid)), "dests": u16s(uids), "weights": u16s(weights), "version_key": .uint(UInt128(versionKey)),
        ], fallback: e.bytes)
    }

    /// `set_mechanism_weights(netuid, mecid: u8, dests, weights, version_key)` — what SDK 10.x sends.
    public static func setMechanismWeights(netuid: UInt16, mechanism: UInt8, uids: [UInt16], weights: [UInt16], versionKey: UInt64) -> RuntimeCall {
        var e = ScaleEncoder([palletIndex, 119])
        e.u16(netuid); e.u8(mechanism); handVector(uids, into: &e); handVector(weights, into: &e); e.u64(versionKey)
        return RuntimeCall(pallet: pallet, name: "set_mechanism_weights", arguments: [
            "netuid": .uint(UInt128(netuid)), "mecid": .uint(UInt128(mechanism)), "dests": u16s(uids),
            "weights": u16s(weights), "version_key": .uint(UInt128(versionKey)),
        ], fallback: e.bytes)
    }

    /// `serve_axon(netuid, version: u32, ip: u128, port: u16, ip_type: u8, protocol: u8, placeholder1: u8, placeholder2: u8)`.
    public static func serveAxon(netuid: UInt16, version: UInt32, ip: UInt128, port: UInt16, ipType: UInt8, protocol proto: UInt8,
                                 placeholder1: UInt8 = 0, placeholder2: UInt8 = 0) -> RuntimeCall {
        var e = ScaleEncoder([palletIndex, 4])
        e.u16(netuid); e.u32(version); e.u128(ip); e.u16(port); e.u8(ipType); e.u8(proto); e.u8(placeholder1); e.u8(placeholder2)
        return RuntimeCall(pallet: pallet, name: "serve_axon", arguments: [
            "netuid": .uint(UInt128(netuid)), "version": .uint(UInt128(version)), "ip": .uint(ip), "port": .uint(UInt128(port)),
            "ip_type": .uint(UInt128(ipType)), "protocol": .uint(UInt128(proto)),
            "placeholder1": .uint(UInt128(placeholder1)), "placeholder2": .uint(UInt128(placeholder2)),
        ], fallback: e.bytes)
    }

    /// `burned_register(netuid, hotkey: AccountId32)` — signed by the coldkey.
    public static func burnedRegister(netuid: UInt16, hotkey: [UInt8]) -> RuntimeCall {
        var e = ScaleEncoder([palletIndex, 7])
        e.u16(netuid); e.append(hotkey)
        return RuntimeCall(pallet: pallet, name: "burned_register", arguments: [
            "netuid": .uint(UInt128(netuid)), "hotkey": .bytes(hotkey),
        ], fallback: e.bytes)
    }

    /// `commit_timelocked_mechanism_weights(netuid, mecid: u8, commit: BoundedVec<u8, 5000>,
    /// reveal_round: u64, commit_reveal_version: u16)`: commit-reveal v4. No hand-encoded
    /// fallback: the call index comes from the runtime metadata only.
    public static func commitTimelockedMechanismWeights(netuid: UInt16, mecid: UInt8, commit: [UInt8], revealRound: UInt64,
                                                        version: UInt16) -> RuntimeCall {
        RuntimeCall(pallet: pallet, name: "commit_timelocked_mechanism_weights", arguments: [
            "netuid": .uint(UInt128(netuid)), "mecid": .uint(UInt128(mecid)), "commit": .bytes(commit),
            "reveal_round": .uint(UInt128(revealRound)), "commit_reveal_version": .uint(UInt128(version)),
        ])
    }
}
