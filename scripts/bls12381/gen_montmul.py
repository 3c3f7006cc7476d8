"""Emits the unrolled 6-limb Montgomery multiplication (CIOS, 'no-carry' variant: valid since the
top limb of p is < 2^63 - 1, see Goff / gnark-crypto) used in Fp+Montgomery.swift."""
N = 6
L = []
e = L.append
e("        let (a0, a1, a2, a3, a4, a5) = (a.l0, a.l1, a.l2, a.l3, a.l4, a.l5)")
e("        let (b0, b1, b2, b3, b4, b5) = (b.l0, b.l1, b.l2, b.l3, b.l4, b.l5)")
e("        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0, t4: UInt64 = 0, t5: UInt64 = 0")
e("        var A: UInt64 = 0, C: UInt64 = 0, m: UInt64 = 0, lo: UInt64 = 0")
for i in range(N):
    e("        // i = %d" % i)
    e("        (A, t0) = mac(t0, a0, b%d, 0)" % i)
    e("        m = t0 &* Fp.inv")
    e("        (C, lo) = mac(t0, m, Fp.p0, 0)")
    for j in range(1, N):
        e("        (A, t%d) = mac(t%d, a%d, b%d, A)" % (j, j, j, i))
        e("        (C, t%d) = mac(t%d, m, Fp.p%d, C)" % (j - 1, j, j))
    e("        t5 = C &+ A")
e("        _ = lo")
e("        return Fp(limbs: (t0, t1, t2, t3, t4, t5)).subtractingModulusIfNeeded()")
print("\n".join(L))
