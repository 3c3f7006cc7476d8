/// STROBE-128 (v1.0.2) reduced to the operations merlin uses: `meta_ad`, `ad`, `prf`, `key`.
///
/// Follows merlin's `strobe.rs` byte for byte: state initialised with
/// `[1, R+2, 1, 0, 1, 96] ‖ "STROBEv1.0.2"`, rate R = 166, flags I=1 A=2 C=4 M=16.
struct Strobe128: Sendable {
    private static let rate = 166
    private static let flagI: UInt8 = 1, flagA: UInt8 = 2, flagC: UInt8 = 4, flagM: UInt8 = 16

    private var state = KeccakState()
    private var position = 0
    private var positionBegin = 0
    private var currentFlags: UInt8 = 0

    init(protocolLabel: some Collection<UInt8>) {
        state.withBytes { bytes in
            let header: [UInt8] = [1, UInt8(Self.rate + 2), 1, 0, 1, 96] + Array("STROBEv1.0.2".utf8)
            for (i, b) in header.enumerated() { bytes[i] = b }
        }
        state.permute()
        metaAD(protocolLabel, more: false)
    }

    mutating func metaAD(_ data: some Collection<UInt8>, more: Bool) {
        beginOp(Self.flagM | Self.flagA, more: more)
        absorb(data)
    }

    mutating func ad(_ data: some Collection<UInt8>, more: Bool) {
        beginOp(Self.flagA, more: more)
        absorb(data)
    }

    mutating func prf(_ out: UnsafeMutableBufferPointer<UInt8>, more: Bool) {
        beginOp(Self.flagI | Self.flagA | Self.flagC, more: more)
        squeeze(out)
    }

    mutating func key(_ data: some Collection<UInt8>, more: Bool) {
        beginOp(Self.flagA | Self.flagC, more: more)
        overwrite(data)
    }

    // MARK: - Duplex internals

    private mutating func runF() {
        let (pos, begin) = (position, positionBegin)
        state.withBytes { bytes in
            bytes[pos] ^= UInt8(begin)
            bytes[pos + 1] ^= 0x04
            bytes[Self.rate + 1] ^= 0x80
        }
        state.permute()
        position = 0
        positionBegin = 0
    }

    private mutating func absorb(_ data: some Collection<UInt8>) {
        for byte in data {
            let pos = position
            state.withBytes { $0[pos] ^= byte }
            position += 1
            if position == Self.rate { runF() }
        }
    }

    private mutating func overwrite(_ data: some Collection<UInt8>) {
        for byte in data {
            let pos = position
            state.withBytes { $0[pos] = byte }
            position += 1
            if position == Self.rate { runF() }
        }
    }

    private mutating func squeeze(_ out: UnsafeMutableBufferPointer<UInt8>) {
        for i in out.indices {
            let pos = position
            out[i] = state.withBytes { bytes in
                let b = bytes[pos]
                bytes[pos] = 0
                return b
            }
            position += 1
            if position == Self.rate { runF() }
        }
    }

    private mutating func beginOp(_ flags: UInt8, more: Bool) {
        if more {
            precondition(currentFlags == flags, "STROBE: continued operation with different flags")
            return
        }
        let oldBegin = UInt8(positionBegin)
        positionBegin = position + 1
        currentFlags = flags
        absorb(CollectionOfTwo(oldBegin, flags))
        // Cipher operations (C or K flag) start on a fresh block.
        if flags & (Self.flagC | 32) != 0 && position != 0 { runF() }
    }
}

/// Two bytes as a collection, without allocating.
private struct CollectionOfTwo: RandomAccessCollection {
    let first: UInt8, second: UInt8
    init(_ a: UInt8, _ b: UInt8) { first = a; second = b }
    var startIndex: Int { 0 }
    var endIndex: Int { 2 }
    subscript(i: Int) -> UInt8 { i == 0 ? first : second }
}
