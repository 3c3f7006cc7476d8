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

    init(protocolLabel: String) {
        state.withBytes { bytes in
            let header: [UInt8] = [1, UInt8(Self.rate + 2), 1, 0, 1, 96] + Array("STROBEv1.0.2".utf8)
            for (i, b) in header.enumerated() { bytes[i] = b }
            bytes.permute()
        }
        var label = protocolLabel
        label.withUTF8 { metaAD(UnsafeRawBufferPointer($0), more: false) }
    }

    mutating func metaAD(_ data: UnsafeRawBufferPointer, more: Bool) {
        beginOp(Self.flagM | Self.flagA, more: more)
        absorb(data)
    }

    mutating func ad(_ data: UnsafeRawBufferPointer, more: Bool) {
        beginOp(Self.flagA, more: more)
        absorb(data)
    }

    mutating func prf(_ out: UnsafeMutableBufferPointer<UInt8>, more: Bool) {
        beginOp(Self.flagI | Self.flagA | Self.flagC, more: more)
        squeeze(out)
    }

    mutating func key(_ data: UnsafeRawBufferPointer, more: Bool) {
        beginOp(Self.flagA | Self.flagC, more: more)
        overwrite(data)
    }

    // MARK: - Duplex internals
    // Each operation takes the state's bytes once and runs the permutation in place.

    @inline(__always)
    private static func runF(_ bytes: KeccakBytes, _ position: inout Int, _ positionBegin: inout Int) {
        bytes[position] ^= UInt8(positionBegin)
        bytes[position + 1] ^= 0x04
        bytes[rate + 1] ^= 0x80
        bytes.permute()
        position = 0
        positionBegin = 0
    }

    private mutating func absorb(_ data: UnsafeRawBufferPointer) {
        var (pos, begin) = (position, positionBegin)
        state.withBytes { bytes in
            for byte in data {
                bytes[pos] ^= byte
                pos += 1
                if pos == Self.rate { Self.runF(bytes, &pos, &begin) }
            }
        }
        (position, positionBegin) = (pos, begin)
    }

    private mutating func overwrite(_ data: UnsafeRawBufferPointer) {
        var (pos, begin) = (position, positionBegin)
        state.withBytes { bytes in
            for byte in data {
                bytes[pos] = byte
                pos += 1
                if pos == Self.rate { Self.runF(bytes, &pos, &begin) }
            }
        }
        (position, positionBegin) = (pos, begin)
    }

    private mutating func squeeze(_ out: UnsafeMutableBufferPointer<UInt8>) {
        var (pos, begin) = (position, positionBegin)
        state.withBytes { bytes in
            for i in out.indices {
                out[i] = bytes[pos]
                bytes[pos] = 0
                pos += 1
                if pos == Self.rate { Self.runF(bytes, &pos, &begin) }
            }
        }
        (position, positionBegin) = (pos, begin)
    }

    private mutating func runF() {
        var (pos, begin) = (position, positionBegin)
        state.withBytes { Self.runF($0, &pos, &begin) }
        (position, positionBegin) = (pos, begin)
    }

    private mutating func beginOp(_ flags: UInt8, more: Bool) {
        if more {
            precondition(currentFlags == flags, "STROBE: continued operation with different flags")
            return
        }
        let oldBegin = UInt8(positionBegin)
        positionBegin = position + 1
        currentFlags = flags
        withUnsafeBytes(of: (oldBegin, flags)) { absorb($0) }
        // Cipher operations (C or K flag) start on a fresh block.
        if flags & (Self.flagC | 32) != 0 && position != 0 { runF() }
    }
}
