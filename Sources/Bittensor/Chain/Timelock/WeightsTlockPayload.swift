/// The plaintext of a commit-reveal v4 weights commit, as subtensor's `WeightsTlockPayload`:
/// SCALE `{hotkey: Vec<u8>, uids: Vec<u16>, values: Vec<u16>, version_key: u64}`. The chain
/// applies the weights only when `hotkey` is the committer's public key.
public struct WeightsTlockPayload: Sendable, Hashable {
    /// The committing hotkey's 32-byte public key.
    public var hotkey: [UInt8]
    public var uids: [UInt16]
    /// u16 weights, as `set_weights` carries them.
    public var values: [UInt16]
    public var versionKey: UInt64

    public init(hotkey: [UInt8], uids: [UInt16], values: [UInt16], versionKey: UInt64) {
        self.hotkey = hotkey; self.uids = uids; self.values = values; self.versionKey = versionKey
    }

    /// The SCALE bytes that get timelock-encrypted.
    public var encoded: [UInt8] {
        var e = ScaleEncoder()
        e.byteVector(hotkey)
        e.compact(uids.count)
        for u in uids { e.u16(u) }
        e.compact(values.count)
        for v in values { e.u16(v) }
        e.u64(versionKey)
        return e.bytes
    }

    /// Decodes a revealed plaintext; every byte must be consumed.
    public init(decoding bytes: [UInt8]) throws(ScaleError) {
        var d = ScaleDecoder(bytes)
        hotkey = try d.byteVector()
        uids = try d.vector(minElementSize: 2) { d throws(ScaleError) in try d.u16() }
        values = try d.vector(minElementSize: 2) { d throws(ScaleError) in try d.u16() }
        versionKey = try d.u64()
        try d.expectEnd()
    }
}
