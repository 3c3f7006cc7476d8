"""Emits the unrolled 6-limb Montgomery squaring (off-diagonal products doubled + diagonal,
then word-by-word Montgomery reduction) used in Fp+Square.swift."""
L = []
e = L.append
e("        let (a0, a1, a2, a3, a4, a5) = (a.l0, a.l1, a.l2, a.l3, a.l4, a.l5)")
e("        var " + ", ".join("t%d: UInt64 = 0" % i for i in range(12)))
e("        var c: UInt64 = 0, c2: UInt64 = 0, m: UInt64 = 0")
for i in range(6):
    e("        c = 0")
    for j in range(i + 1, 6):
        e("        (c, t%d) = mac(t%d, a%d, a%d, c)" % (i + j, i + j, i, j))
    if i < 5:
        e("        t%d = c" % (i + 6))
e("        // double")
e("        t11 = t10 >> 63")
for k in range(10, 1, -1):
    e("        t%d = (t%d << 1) | (t%d >> 63)" % (k, k, k - 1))
e("        t1 = t1 << 1")
e("        // diagonal")
e("        var hi: UInt64 = 0, lo: UInt64 = 0")
e("        c = 0")
for i in range(6):
    e("        (hi, lo) = a%d.multipliedFullWidth(by: a%d)" % (i, i))
    e("        (c, t%d) = adc(t%d, lo, c)" % (2 * i, 2 * i))
    e("        (c, t%d) = adc(t%d, hi, c)" % (2 * i + 1, 2 * i + 1))
e("        // Montgomery reduction")
e("        c2 = 0")
for i in range(6):
    e("        m = t%d &* Fp.inv" % i)
    e("        c = 0")
    for j in range(6):
        e("        (c, t%d) = mac(t%d, m, Fp.p%d, c)" % (i + j, i + j, j))
    e("        (c2, t%d) = adc(t%d, c, c2)" % (i + 6, i + 6))
e("        _ = (t0, t1, t2, t3, t4, t5, c2)")
e("        return Fp(limbs: (t6, t7, t8, t9, t10, t11)).subtractingModulusIfNeeded()")
print("\n".join(L))
