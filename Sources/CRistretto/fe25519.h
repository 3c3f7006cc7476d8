// GF(2^255 - 19) in radix 2^51: five 64-bit limbs, products in unsigned __int128.
//
// "Reduced" means limbs below 2^52: what mul, sq and sub return. fe_add does not carry, so a sum
// of two reduced elements has limbs below 2^53; mul and sq accept limbs up to 2^54 (the column
// sums stay below 2^115 and the wrapped top carry below 2^64), sub up to 2^55.
// Variable time throughout (public data only).
#ifndef CRISTRETTO_FE25519_H
#define CRISTRETTO_FE25519_H
#include <stdint.h>
#include <string.h>

// Forced: the hot paths must not depend on a compiler's -O2 inlining budget.
#define FE_INLINE inline __attribute__((always_inline))

typedef uint64_t fe[5];
typedef unsigned __int128 u128;

#define FE_MASK ((uint64_t)0x7ffffffffffff) // 2^51 - 1

static const fe fe_d = {0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff};
static const fe fe_d2 = {0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff};
static const fe fe_sqrtm1 = {0x61b274a0ea0b0, 0x0d5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d};
// 1/sqrt(a - d) with a = -1 (RFC 9496 §4.1, INVSQRT_A_MINUS_D).
static const fe fe_invsqrt_a_minus_d = {0x0fdaa805d40ea, 0x2eb482e57d339, 0x007610274bc58, 0x6510b613dc8ff, 0x786c8905cfaff};

static FE_INLINE void fe_copy(fe h, const fe f) { memcpy(h, f, sizeof(fe)); }
static FE_INLINE void fe_0(fe h) { h[0] = h[1] = h[2] = h[3] = h[4] = 0; }
static FE_INLINE void fe_1(fe h) { h[0] = 1; h[1] = h[2] = h[3] = h[4] = 0; }

/// One carry pass, all five carries taken from the input at once (a short dependency chain);
/// the top carry wraps around times 19 (2^255 = 19). Limbs below 2^64 come out below 2^51 + 2^13.
static FE_INLINE void fe_carry(fe h) {
    const uint64_t c0 = h[0] >> 51, c1 = h[1] >> 51, c2 = h[2] >> 51, c3 = h[3] >> 51, c4 = h[4] >> 51;
    h[0] = (h[0] & FE_MASK) + 19 * c4;
    h[1] = (h[1] & FE_MASK) + c0;
    h[2] = (h[2] & FE_MASK) + c1;
    h[3] = (h[3] & FE_MASK) + c2;
    h[4] = (h[4] & FE_MASK) + c3;
}

/// f + g without carrying: the sum of two reduced elements (limbs < 2^52) has limbs < 2^53,
/// which mul, sq and sub accept; do not add such a sum again before a mul or sub.
static FE_INLINE void fe_add(fe h, const fe f, const fe g) {
    for (int i = 0; i < 5; i++) h[i] = f[i] + g[i];
}

/// f - g + 16p, carried: no limb goes negative for g below 2^55; the result is reduced.
static FE_INLINE void fe_sub(fe h, const fe f, const fe g) {
    h[0] = f[0] + 0x7ffffffffffed0 - g[0];
    for (int i = 1; i < 5; i++) h[i] = f[i] + 0x7ffffffffffff0 - g[i];
    fe_carry(h);
}

static FE_INLINE void fe_neg(fe h, const fe f) {
    static const fe zero = {0, 0, 0, 0, 0};
    fe_sub(h, zero, f);
}

/// Carries the five 128-bit column sums into h.
static FE_INLINE void fe_carry_wide(fe h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
    r1 += (uint64_t)(r0 >> 51);
    r2 += (uint64_t)(r1 >> 51);
    r3 += (uint64_t)(r2 >> 51);
    r4 += (uint64_t)(r3 >> 51);
    uint64_t h0 = ((uint64_t)r0 & FE_MASK) + 19 * (uint64_t)(r4 >> 51);
    h[1] = ((uint64_t)r1 & FE_MASK) + (h0 >> 51);
    h[0] = h0 & FE_MASK;
    h[2] = (uint64_t)r2 & FE_MASK;
    h[3] = (uint64_t)r3 & FE_MASK;
    h[4] = (uint64_t)r4 & FE_MASK;
}

static FE_INLINE void fe_mul(fe h, const fe f, const fe g) {
    const uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
    const uint64_t g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4];
    const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    u128 r0 = (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
    u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
    u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
    u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
    u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
    fe_carry_wide(h, r0, r1, r2, r3, r4);
}

static FE_INLINE void fe_sq(fe h, const fe f) {
    const uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
    const uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1;
    const uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;
    u128 r0 = (u128)f0 * f0 + (u128)f1_2 * f4_19 + (u128)(2 * f2) * f3_19;
    u128 r1 = (u128)f0_2 * f1 + (u128)(2 * f2) * f4_19 + (u128)f3 * f3_19;
    u128 r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)(2 * f3) * f4_19;
    u128 r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4 * f4_19;
    u128 r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
    fe_carry_wide(h, r0, r1, r2, r3, r4);
}

/// h = 2 f^2 (the doubling formula's 2Z^2).
static FE_INLINE void fe_sq2(fe h, const fe f) {
    fe_sq(h, f);
    fe_add(h, h, h);
}

/// Fully reduced little-endian bytes (the unique representative below p).
static FE_INLINE void fe_tobytes(uint8_t s[32], const fe f) {
    fe h;
    fe_copy(h, f);
    fe_carry(h);
    fe_carry(h); // now every limb < 2^51 and h < 2^255 + small
    // q = 1 exactly when h >= p: adding 19 carries out of bit 255.
    uint64_t q = (h[0] + 19) >> 51;
    q = (h[1] + q) >> 51;
    q = (h[2] + q) >> 51;
    q = (h[3] + q) >> 51;
    q = (h[4] + q) >> 51;
    h[0] += 19 * q;
    uint64_t c;
    c = h[0] >> 51; h[0] &= FE_MASK; h[1] += c;
    c = h[1] >> 51; h[1] &= FE_MASK; h[2] += c;
    c = h[2] >> 51; h[2] &= FE_MASK; h[3] += c;
    c = h[3] >> 51; h[3] &= FE_MASK; h[4] += c;
    h[4] &= FE_MASK; // drops 2^255, i.e. subtracts p together with the +19
    const uint64_t w[4] = {h[0] | (h[1] << 51), (h[1] >> 13) | (h[2] << 38), (h[2] >> 26) | (h[3] << 25),
                           (h[3] >> 39) | (h[4] << 12)};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++) s[8 * i + j] = (uint8_t)(w[i] >> (8 * j));
}

static FE_INLINE uint64_t fe_load64(const uint8_t *s) {
    uint64_t w = 0;
    for (int j = 7; j >= 0; j--) w = (w << 8) | s[j];
    return w;
}

/// Loads 255 bits (bit 255 ignored; callers that care check canonicity themselves).
static FE_INLINE void fe_frombytes(fe h, const uint8_t s[32]) {
    const uint64_t w0 = fe_load64(s), w1 = fe_load64(s + 8), w2 = fe_load64(s + 16), w3 = fe_load64(s + 24);
    h[0] = w0 & FE_MASK;
    h[1] = ((w0 >> 51) | (w1 << 13)) & FE_MASK;
    h[2] = ((w1 >> 38) | (w2 << 26)) & FE_MASK;
    h[3] = ((w2 >> 25) | (w3 << 39)) & FE_MASK;
    h[4] = (w3 >> 12) & FE_MASK;
}

/// RFC 9496 IS_NEGATIVE: the low bit of the canonical encoding.
static FE_INLINE int fe_isnegative(const fe f) {
    uint8_t s[32];
    fe_tobytes(s, f);
    return s[0] & 1;
}

static FE_INLINE int fe_iszero(const fe f) {
    uint8_t s[32], z = 0;
    fe_tobytes(s, f);
    for (int i = 0; i < 32; i++) z |= s[i];
    return z == 0;
}

static FE_INLINE int fe_equal(const fe f, const fe g) {
    fe t;
    fe_sub(t, f, g);
    return fe_iszero(t);
}

/// RFC 9496 CT_ABS (here not constant-time): |f|, the non-negative one of ±f.
static FE_INLINE void fe_abs(fe h, const fe f) {
    if (fe_isnegative(f)) fe_neg(h, f); else fe_copy(h, f);
}

#endif
