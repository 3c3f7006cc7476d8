/// An element of the BLS12-381 base field Fp, p = 0x1a0111ea…aaab (381 bits).
///
/// Stored as six little-endian 64-bit limbs in Montgomery form (a·R mod p, R = 2^384),
/// always fully reduced (< p), so limb equality is value equality.
public struct Fp: Sendable, Hashable {
    @usableFromInline var l0: UInt64
    @usableFromInline var l1: UInt64
    @usableFromInline var l2: UInt64
    @usableFromInline var l3: UInt64
    @usableFromInline var l4: UInt64
    @usableFromInline var l5: UInt64

    /// Raw limbs (already in Montgomery form), little-endian.
    @inlinable @inline(__always)
    init(limbs: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)) {
        (l0, l1, l2, l3, l4, l5) = limbs
    }

    /// A constant given directly in Montgomery form (see Scripts/gen_constants.py).
    @inlinable @inline(__always)
    init(montgomeryLimbs limbs: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)) {
        self.init(limbs: limbs)
    }

    // p, little-endian limbs.
    @usableFromInline static let p0: UInt64 = 0xb9fe_ffff_ffff_aaab
    @usableFromInline static let p1: UInt64 = 0x1eab_fffe_b153_ffff
    @usableFromInline static let p2: UInt64 = 0x6730_d2a0_f6b0_f624
    @usableFromInline static let p3: UInt64 = 0x6477_4b84_f385_12bf
    @usableFromInline static let p4: UInt64 = 0x4b1b_a7b6_434b_acd7
    @usableFromInline static let p5: UInt64 = 0x1a01_11ea_397f_e69a
    /// -p^-1 mod 2^64.
    @usableFromInline static let inv: UInt64 = 0x89f3_fffc_fffc_fffd

    /// The additive identity.
    public static var zero: Fp { Fp(limbs: (0, 0, 0, 0, 0, 0)) }
    /// The multiplicative identity (R mod p in Montgomery form).
    public static var one: Fp {
        Fp(montgomeryLimbs: (0x7609_0000_0002_fffd, 0xebf4_000b_c40c_0002, 0x5f48_9857_53c7_58ba,
                             0x77ce_5853_7052_5745, 0x5c07_1a97_a256_ec6d, 0x15f6_5ec3_fa80_e493))
    }
    /// R^2 mod p, used to enter Montgomery form.
    @usableFromInline static var r2: Fp {
        Fp(montgomeryLimbs: (0xf4df_1f34_1c34_1746, 0x0a76_e6a6_09d1_04f1, 0x8de5_476c_4c95_b6d5,
                             0x67eb_88a9_939d_83c0, 0x9a79_3e85_b519_952d, 0x1198_8fe5_92ca_e3aa))
    }

    /// True when the element is 0 (branch-free on the limbs).
    @inlinable public var isZero: Bool { (l0 | l1 | l2 | l3 | l4 | l5) == 0 }

    @inlinable @inline(__always)
    public static func == (a: Fp, b: Fp) -> Bool {
        ((a.l0 ^ b.l0) | (a.l1 ^ b.l1) | (a.l2 ^ b.l2) | (a.l3 ^ b.l3) | (a.l4 ^ b.l4) | (a.l5 ^ b.l5)) == 0
    }

    /// Creates a small constant.
    public init(_ value: UInt64) {
        self = Fp(limbs: (value, 0, 0, 0, 0, 0)).toMontgomery()
    }

    /// Converts canonical limbs (< p) into Montgomery form.
    @inlinable func toMontgomery() -> Fp { Fp.montMul(self, Fp.r2) }

    /// Canonical (non-Montgomery) limbs of the value.
    @inlinable var canonicalLimbs: Fp { Fp.montMul(self, Fp(limbs: (1, 0, 0, 0, 0, 0))) }

    /// Constant-time selection: returns `b` when `choice` is all-ones, `a` when it is zero.
    @inlinable @inline(__always)
    public static func select(_ a: Fp, _ b: Fp, mask choice: UInt64) -> Fp {
        Fp(limbs: (a.l0 ^ (choice & (a.l0 ^ b.l0)), a.l1 ^ (choice & (a.l1 ^ b.l1)),
                   a.l2 ^ (choice & (a.l2 ^ b.l2)), a.l3 ^ (choice & (a.l3 ^ b.l3)),
                   a.l4 ^ (choice & (a.l4 ^ b.l4)), a.l5 ^ (choice & (a.l5 ^ b.l5))))
    }
}
