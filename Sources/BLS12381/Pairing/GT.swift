/// An element of the target group GT ⊂ Fp12*, the output of the pairing.
public struct GT: Sendable, Equatable {
    /// The underlying Fp12 value.
    public let value: Fp12

    /// Wraps an Fp12 value (no membership check).
    public init(_ value: Fp12) { self.value = value }

    /// The identity of GT.
    public static var one: GT { GT(.one) }
    /// Whether this is the identity of GT.
    public var isOne: Bool { value.isOne }

    /// The group operation of GT.
    public static func * (a: GT, b: GT) -> GT { GT(a.value * b.value) }

    /// 576 bytes, identical to arkworks 0.4 `CanonicalSerialize` of `PairingOutput<Bls12_381>`:
    /// the 12 Fp coefficients in tower order (c0/c1 of Fp12, c0/c1/c2 of Fp6, c0/c1 of Fp2),
    /// each 48 bytes little-endian.
    public var serialized: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(576)
        for f6 in [value.c0, value.c1] {
            for f2 in [f6.c0, f6.c1, f6.c2] {
                out += f2.c0.littleEndianBytes
                out += f2.c1.littleEndianBytes
            }
        }
        return out
    }
}
