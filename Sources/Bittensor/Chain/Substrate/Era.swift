/// The transaction lifetime (`sp_runtime::generic::Era`): immortal, or mortal for `period`
/// blocks starting at the block whose number is congruent to `phase`.
public enum Era: Sendable, Hashable {
    case immortal
    case mortal(period: UInt64, phase: UInt64)

    /// A mortal era valid from `currentBlock` for about `period` blocks, computed as the SDK
    /// does: period rounded up to a power of two in 4…65536, phase = block mod period.
    public init(period requested: UInt64, currentBlock: UInt64) {
        var period: UInt64 = 4
        while period < min(requested, 65536) { period <<= 1 }
        let phase = currentBlock % period
        let quantum = max(period >> 12, 1)
        self = .mortal(period: period, phase: phase / quantum * quantum)
    }

    /// The SCALE encoding: `0x00`, or two little-endian bytes
    /// `min(max(log2(period) − 1, 1), 15) | (phase / quantum) << 4`.
    public var encoded: [UInt8] {
        switch self {
        case .immortal: return [0]
        case let .mortal(period, phase):
            let quantum = max(period >> 12, 1)
            let low = UInt16(min(max(period.trailingZeroBitCount - 1, 1), 15))
            let value = low | UInt16(truncatingIfNeeded: (phase / quantum) << 4)
            return [UInt8(value & 0xff), UInt8(value >> 8)]
        }
    }

    /// Decodes an era from its SCALE bytes.
    public init(from d: inout ScaleDecoder) throws(ScaleError) {
        let first = try d.u8()
        if first == 0 { self = .immortal; return }
        let value = UInt16(first) | UInt16(try d.u8()) << 8
        let period = UInt64(2) << (value % (1 << 4))
        let quantum = max(period >> 12, 1)
        let phase = UInt64(value >> 4) * quantum
        guard period >= 4, phase < period else { throw .mismatch("invalid mortal era 0x\(String(value, radix: 16))") }
        self = .mortal(period: period, phase: phase)
    }

    /// The block whose hash is signed (the era's start) when `currentBlock` is the reference;
    /// `nil` for an immortal era (the genesis hash is signed instead).
    public func birth(currentBlock: UInt64) -> UInt64? {
        switch self {
        case .immortal: return nil
        case let .mortal(period, phase):
            return (max(currentBlock, phase) - phase) / period * period + phase
        }
    }
}
