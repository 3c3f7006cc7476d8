/// A Merlin transcript (merlin 3.x): STROBE-128 with protocol label "Merlin v1.0", labelled
/// messages framed with their little-endian u32 length, challenges squeezed with PRF.
struct MerlinTranscript: Sendable {
    private var strobe: Strobe128

    init(label: String) {
        strobe = Strobe128(protocolLabel: "Merlin v1.0")
        appendMessage(label: "dom-sep", label)
    }

    /// `append_message(label, message)`: meta-AD(label ‖ LE32(len)), then AD(message).
    mutating func appendMessage(label: String, _ message: UnsafeRawBufferPointer) {
        metaADWithLength(label: label, count: message.count)
        strobe.ad(message, more: false)
    }

    mutating func appendMessage(label: String, _ message: [UInt8]) {
        message.withUnsafeBytes { appendMessage(label: label, $0) }
    }

    mutating func appendMessage(label: String, _ message: ArraySlice<UInt8>) {
        message.withUnsafeBytes { appendMessage(label: label, $0) }
    }

    mutating func appendMessage(label: String, _ message: String) {
        var text = message
        text.withUTF8 { appendMessage(label: label, UnsafeRawBufferPointer($0)) }
    }

    mutating func appendU64(label: String, _ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { appendMessage(label: label, $0) }
    }

    /// Fills `out` with challenge bytes bound to everything appended so far.
    mutating func challengeBytes(label: String, into out: UnsafeMutableBufferPointer<UInt8>) {
        metaADWithLength(label: label, count: out.count)
        strobe.prf(out, more: false)
    }

    mutating func challengeBytes(label: String, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            challengeBytes(label: label, into: buffer)
            initialized = count
        }
    }

    /// merlin's `TranscriptRngBuilder`: a copy of the transcript rekeyed with the witness
    /// (`rekey_with_witness_bytes(label, witness)`), then with 32 fresh random bytes
    /// (`finalize`: meta-AD "rng", KEY random), then squeezed (`fill_bytes`: meta-AD LE32(len), PRF).
    func witnessBytes(label: String, witness: UnsafeRawBufferPointer, random: UnsafeRawBufferPointer,
                      into out: UnsafeMutableBufferPointer<UInt8>) {
        var rng = self
        rng.metaADWithLength(label: label, count: witness.count)
        rng.strobe.key(witness, more: false)
        rng.metaAD("rng")
        rng.strobe.key(random, more: false)
        withUnsafeBytes(of: UInt32(out.count).littleEndian) { rng.strobe.metaAD($0, more: false) }
        rng.strobe.prf(out, more: false)
    }

    private mutating func metaAD(_ label: String) {
        var text = label
        text.withUTF8 { strobe.metaAD(UnsafeRawBufferPointer($0), more: false) }
    }

    private mutating func metaADWithLength(label: String, count: Int) {
        metaAD(label)
        withUnsafeBytes(of: UInt32(count).littleEndian) { strobe.metaAD($0, more: true) }
    }
}
