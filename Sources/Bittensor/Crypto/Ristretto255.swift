import CSodium

/// ristretto255 group and scalar operations through libsodium (RFC 9496).
enum Ristretto255 {
    /// ℓ = 2^252 + 27742317777372353535851937790883648493, little-endian.
    static let order: [UInt8] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ]

    /// Whether `scalar` (32 bytes, little-endian) is canonical, i.e. < ℓ.
    static func isCanonicalScalar(_ scalar: UnsafeRawBufferPointer) -> Bool {
        var i = 31
        while i >= 0 {
            if scalar[i] < order[i] { return true }
            if scalar[i] > order[i] { return false }
            i -= 1
        }
        return false // equal to ℓ
    }

    /// Whether `point` is the canonical encoding of a ristretto255 group element.
    static func isValidPoint(_ point: [UInt8]) -> Bool {
        guard point.count == 32 else { return false }
        Sodium.ensureInitialized()
        return crypto_core_ristretto255_is_valid_point(point) == 1
    }

    /// scalar · B (identity encodes as 32 zero bytes).
    static func baseMultiply(_ scalar: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) {
        if crypto_scalarmult_ristretto255_base(out, scalar) != 0 {
            // libsodium refuses to output the identity; its encoding is all zeros.
            out.update(repeating: 0, count: 32)
        }
    }

    /// scalar · B for a 32-byte scalar.
    static func baseMultiply(_ scalar: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        scalar.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { baseMultiply(s.baseAddress!, into: $0.baseAddress!) }
        }
        return out
    }

    /// Reduces a 64-byte little-endian integer modulo ℓ.
    static func reduceWide(_ wide: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) {
        crypto_core_ristretto255_scalar_reduce(out, wide)
    }
}
