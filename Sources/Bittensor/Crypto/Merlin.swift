/// A Merlin transcript (merlin 3.x): STROBE-128 with protocol label "Merlin v1.0", labelled
/// messages framed with their little-endian u32 length, challenges squeezed with PRF.
struct MerlinTranscript: Sendable {
    private var strobe: Strobe128

    init(label: String) {
        strobe = Strobe128(protocolLabel: "Merlin v1.0".utf8)
        appendMessage(label: "dom-sep".utf8, label.utf8)
    }

    mutating func appendMessage(label: some Collection<UInt8>, _ message: some Collection<UInt8>) {
        strobe.metaAD(label, more: false)
        strobe.metaAD(Self.lengthBytes(message.count), more: true)
        strobe.ad(message, more: false)
    }

    mutating func appendMessage(label: String, _ message: some Collection<UInt8>) {
        appendMessage(label: label.utf8, message)
    }

    mutating func appendU64(label: String, _ value: UInt64) {
        appendMessage(label: label.utf8, withUnsafeBytes(of: value.littleEndian) { Array($0) })
    }

    /// Fills `out` with challenge bytes bound to everything appended so far.
    mutating func challengeBytes(label: String, into out: UnsafeMutableBufferPointer<UInt8>) {
        strobe.metaAD(label.utf8, more: false)
        strobe.metaAD(Self.lengthBytes(out.count), more: true)
        strobe.prf(out, more: false)
    }

    mutating func challengeBytes(label: String, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            challengeBytes(label: label, into: buffer)
            initialized = count
        }
    }

    /// merlin's `TranscriptRngBuilder`: a copy of the transcript rekeyed with each witness
    /// (label, witness) and then with 32 fresh random bytes, squeezed for `count` bytes.
    func witnessBytes(label: String, witnesses: [[UInt8]], random: [UInt8], into out: UnsafeMutableBufferPointer<UInt8>) {
        var rng = strobe
        for witness in witnesses {
            rng.metaAD(label.utf8, more: false)
            rng.metaAD(Self.lengthBytes(witness.count), more: true)
            rng.key(witness, more: false)
        }
        rng.metaAD("rng".utf8, more: false)
        rng.key(random, more: false)
        // TranscriptRng::fill_bytes: meta_ad(len) then prf.
        rng.metaAD(Self.lengthBytes(out.count), more: false)
        rng.prf(out, more: false)
    }

    private static func lengthBytes(_ count: Int) -> LittleEndianU32 { LittleEndianU32(UInt32(count)) }
}

/// The four little-endian bytes of a `u32`, as a collection that needs no allocation.
private struct LittleEndianU32: RandomAccessCollection {
    let value: UInt32
    init(_ value: UInt32) { self.value = value }
    var startIndex: Int { 0 }
    var endIndex: Int { 4 }
    subscript(i: Int) -> UInt8 { UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
}
