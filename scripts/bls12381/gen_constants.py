"""Derives the Swift constant literals used by the BLS12381 target from the curve definition.

Run with any python that has py_ecc (only for the RFC 9380 11-isogeny coefficients, which are
copied verbatim from RFC 9380 Appendix E.2 into py_ecc). Everything else is computed from p, x.
Output is pasted into the Swift sources; this script documents their provenance.
"""
import sys
from py_ecc.optimized_bls12_381 import constants as C

X = -0xd201000000010000
P = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab
R_ORDER = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001
assert (X**4 - X**2 + 1) == R_ORDER
assert P == (X - 1)**2 * (X**4 - X**2 + 1) // 3 + X
RM = 1 << 384

def limbs(n, k=6):
    return [(n >> (64 * i)) & (2**64 - 1) for i in range(k)]

def lit(n, k=6):
    return ", ".join("0x%016x" % l for l in limbs(n, k))

def fp(n):
    return "Fp(montgomeryLimbs: (%s))" % lit((n % P) * RM % P)

# --- Fp2 arithmetic in python for Frobenius coefficients
def f2mul(a, b):
    return ((a[0]*b[0] - a[1]*b[1]) % P, (a[0]*b[1] + a[1]*b[0]) % P)
def f2pow(a, e):
    r = (1, 0)
    while e:
        if e & 1: r = f2mul(r, a)
        a = f2mul(a, a); e >>= 1
    return r
def fp2(a):
    return "Fp2(c0: %s, c1: %s)" % (fp(a[0]), fp(a[1]))

xi = (1, 1)
out = []
out.append("// p = %s" % lit(P))
out.append("inv = 0x%016x" % ((-pow(P, -1, 2**64)) % 2**64))
out.append("R = " + lit(RM % P))
out.append("R2 = " + lit(RM * RM % P))
out.append("r = " + lit(R_ORDER, 4))
out.append("p-2 = " + lit(P - 2))
out.append("(p+1)/4 = " + lit((P + 1) // 4))
out.append("(p-3)/4 = " + lit((P - 3) // 4))
out.append("(p-1)/2 = " + lit((P - 1) // 2))
out.append("twoInv = " + fp(pow(2, -1, P)))
for i in range(1, 4):
    e = (P**i - 1)
    out.append("fp6c1[%d] = %s" % (i, fp2(f2pow(xi, e // 3))))
    out.append("fp6c2[%d] = %s" % (i, fp2(f2pow(xi, 2 * e // 3))))
    out.append("fp12c1[%d] = %s" % (i, fp2(f2pow(xi, e // 6))))
# generators (from the ZCash/IETF definition)
g1x = 0x17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb
g1y = 0x08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1
out.append("g1x = " + fp(g1x)); out.append("g1y = " + fp(g1y))
g2x0 = 0x024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8
g2x1 = 0x13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e
g2y0 = 0x0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801
g2y1 = 0x0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be
out.append("g2x = " + fp2((g2x0, g2x1))); out.append("g2y = " + fp2((g2y0, g2y1)))
out.append("A' = " + fp(C.ISO_11_A.n)); out.append("B' = " + fp(C.ISO_11_B.n))
out.append("Z = " + fp(11))
out.append("-B'/A' = " + fp(-C.ISO_11_B.n * pow(C.ISO_11_A.n, -1, P)))
out.append("B'/(Z A') = " + fp(C.ISO_11_B.n * pow(11 * C.ISO_11_A.n, -1, P)))
for name, ks in zip(["xNum", "xDen", "yNum", "yDen"], C.ISO_11_MAP_COEFFICIENTS):
    out.append("%s = [\n%s\n]" % (name, ",\n".join("    " + fp(k.n) for k in ks)))
print("\n".join(out))

# --- subgroup-check endomorphisms (eprint 2021/1130, 2022/352)
def f2inv(a):
    n = pow((a[0] * a[0] + a[1] * a[1]) % P, -1, P)
    return (a[0] * n % P, -a[1] * n % P)
print("psiX = " + fp2(f2inv(f2pow(xi, (P - 1) // 3))))
print("psiY = " + fp2(f2inv(f2pow(xi, (P - 1) // 2))))
# The two non-trivial cube roots of unity in Fp; the one with beta·x acting as −x² on G1 is chosen in Swift tests.
for b in sorted({pow(g, (P - 1) // 3, P) for g in range(2, 20)} - {1}):
    print("beta = %s  // 0x%x" % (fp(b), b))
