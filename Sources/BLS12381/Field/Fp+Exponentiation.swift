extension Fp {
    // Exponents (little-endian limbs), derived from p in Scripts/gen_constants.py.
    static let pMinus2: [UInt64] = [0xb9fe_ffff_ffff_aaa9, 0x1eab_fffe_b153_ffff, 0x6730_d2a0_f6b0_f624,
                                    0x6477_4b84_f385_12bf, 0x4b1b_a7b6_434b_acd7, 0x1a01_11ea_397f_e69a]
    static let pPlus1Div4: [UInt64] = [0xee7f_bfff_ffff_eaab, 0x07aa_ffff_ac54_ffff, 0xd9cc_34a8_3dac_3d89,
                                       0xd91d_d2e1_3ce1_44af, 0x92c6_e9ed_90d2_eb35, 0x0680_447a_8e5f_f9a6]
    static let pMinus3Div4: [UInt64] = [0xee7f_bfff_ffff_eaaa, 0x07aa_ffff_ac54_ffff, 0xd9cc_34a8_3dac_3d89,
                                        0xd91d_d2e1_3ce1_44af, 0x92c6_e9ed_90d2_eb35, 0x0680_447a_8e5f_f9a6]
    static let pMinus1Div2: [UInt64] = [0xdcff_7fff_ffff_d555, 0x0f55_ffff_58a9_ffff, 0xb398_6950_7b58_7b12,
                                        0xb23b_a5c2_79c2_895f, 0x258d_d3db_21a5_d66b, 0x0d00_88f5_1cbf_f34d]

    /// self^e for a public exponent given as little-endian limbs (square-and-multiply).
    public func pow(_ e: [UInt64]) -> Fp {
        var r = Fp.one
        for limb in e.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                r = r.squared()
                if (limb >> UInt64(bit)) & 1 == 1 { r = r * self }
            }
        }
        return r
    }

    /// Multiplicative inverse via Fermat (a^(p-2)); the inverse of 0 is 0. Constant-time in the value.
    public func inverse() -> Fp { pow(Fp.pMinus2) }

    /// A square root if one exists (p ≡ 3 mod 4: a^((p+1)/4)).
    public func squareRoot() -> Fp? {
        let s = pow(Fp.pPlus1Div4)
        return s.squared() == self ? s : nil
    }

    /// Whether the element is a square (0 counts as a square).
    public var isSquare: Bool {
        let l = pow(Fp.pMinus1Div2)
        return l.isZero || l == .one
    }
}
