// The search loop, written once and included by each implementation's .c file after it defines:
//   KERNEL_NAME          the search function's name
//   KERNEL_ATTR          attributes for every function here (always includes the target ISA)
//   VEC                  the lane vector type; LANES candidates per VEC
//   VSET1(x)             broadcast a uint64_t
//   VADD(a, b), VXOR(a, b)
//   VROR32/24/16/63(x)   rotate each 64-bit lane right
//   VLOADU(p)            load LANES uint64_t from p
//   VLASTBYTES(p, s)     lane k = (uint64_t)p[k] << s
//   VMATCH(a, b)         bit k set when lane k of a equals lane k of b
// Not a public header: no include guard on purpose.

#define CPOW_G(a, b, c, d, x, y)                                   \
    v##a = VADD(VADD(v##a, v##b), x); v##d = VROR32(VXOR(v##d, v##a)); \
    v##c = VADD(v##c, v##d);          v##b = VROR24(VXOR(v##b, v##c)); \
    v##a = VADD(VADD(v##a, v##b), y); v##d = VROR16(VXOR(v##d, v##a)); \
    v##c = VADD(v##c, v##d);          v##b = VROR63(VXOR(v##b, v##c));

#define CPOW_M_(i) m##i
#define CPOW_M(i) CPOW_M_(i)

#define CPOW_ROUND(s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15) \
    CPOW_G(0, 4, 8, 12, CPOW_M(s0), CPOW_M(s1))                                          \
    CPOW_G(1, 5, 9, 13, CPOW_M(s2), CPOW_M(s3))                                          \
    CPOW_G(2, 6, 10, 14, CPOW_M(s4), CPOW_M(s5))                                         \
    CPOW_G(3, 7, 11, 15, CPOW_M(s6), CPOW_M(s7))                                         \
    CPOW_G(0, 5, 10, 15, CPOW_M(s8), CPOW_M(s9))                                         \
    CPOW_G(1, 6, 11, 12, CPOW_M(s10), CPOW_M(s11))                                       \
    CPOW_G(2, 7, 8, 13, CPOW_M(s12), CPOW_M(s13))                                        \
    CPOW_G(3, 4, 9, 14, CPOW_M(s14), CPOW_M(s15))

#define CPOW_CAT_(a, b) a##b
#define CPOW_CAT(a, b) CPOW_CAT_(a, b)
#define CPOW_HASH CPOW_CAT(KERNEL_NAME, _digest_word0)
#define CPOW_LOOP CPOW_CAT(KERNEL_NAME, _loop)

/// Digest word 0 for each lane; m0 and m1 hold the lanes' message words 0 and 1. With `full`
/// false, message words 4…15 are zero and their additions disappear (a constant at each call).
KERNEL_ATTR static inline __attribute__((always_inline)) VEC
CPOW_HASH(const cpow_kernel *k, VEC m0, VEC m1, const bool full) {
    const VEC zero = VSET1(0);
    const VEC m2 = VSET1(k->words[2]), m3 = VSET1(k->words[3]);
    const VEC m4 = full ? VSET1(k->words[4]) : zero, m5 = full ? VSET1(k->words[5]) : zero;
    const VEC m6 = full ? VSET1(k->words[6]) : zero, m7 = full ? VSET1(k->words[7]) : zero;
    const VEC m8 = full ? VSET1(k->words[8]) : zero, m9 = full ? VSET1(k->words[9]) : zero;
    const VEC m10 = full ? VSET1(k->words[10]) : zero, m11 = full ? VSET1(k->words[11]) : zero;
    const VEC m12 = full ? VSET1(k->words[12]) : zero, m13 = full ? VSET1(k->words[13]) : zero;
    const VEC m14 = full ? VSET1(k->words[14]) : zero, m15 = full ? VSET1(k->words[15]) : zero;
    (void)m2; (void)m3; (void)m4; (void)m5; (void)m6; (void)m7;

    // Round 0: columns 1–3 read words 2–7 only and were computed once (k->v); column 0 starts
    // from the constant v0 + v4.
    VEC v0 = VADD(VSET1(k->v[0] + k->v[4]), m0), v4 = VSET1(k->v[4]);
    VEC v8 = VSET1(k->v[8]), v12 = VSET1(k->v[12]);
    VEC v1 = VSET1(k->v[1]), v5 = VSET1(k->v[5]), v9 = VSET1(k->v[9]), v13 = VSET1(k->v[13]);
    VEC v2 = VSET1(k->v[2]), v6 = VSET1(k->v[6]), v10 = VSET1(k->v[10]), v14 = VSET1(k->v[14]);
    VEC v3 = VSET1(k->v[3]), v7 = VSET1(k->v[7]), v11 = VSET1(k->v[11]), v15 = VSET1(k->v[15]);
    v12 = VROR32(VXOR(v12, v0));
    v8 = VADD(v8, v12); v4 = VROR24(VXOR(v4, v8));
    v0 = VADD(VADD(v0, v4), m1); v12 = VROR16(VXOR(v12, v0));
    v8 = VADD(v8, v12); v4 = VROR63(VXOR(v4, v8));
    CPOW_G(0, 5, 10, 15, m8, m9)
    CPOW_G(1, 6, 11, 12, m10, m11)
    CPOW_G(2, 7, 8, 13, m12, m13)
    CPOW_G(3, 4, 9, 14, m14, m15)
    CPOW_ROUND(14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3)
    CPOW_ROUND(11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4)
    CPOW_ROUND(7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8)
    CPOW_ROUND(9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13)
    CPOW_ROUND(2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9)
    CPOW_ROUND(12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11)
    CPOW_ROUND(13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10)
    CPOW_ROUND(6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5)
    CPOW_ROUND(10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0)
    CPOW_ROUND(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    // Round 11: only v0 and v8 feed digest word 0; the compiler drops the rest of the round.
    CPOW_ROUND(14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3)
    (void)v1; (void)v2; (void)v3; (void)v4; (void)v5; (void)v6; (void)v7;
    (void)v9; (void)v10; (void)v11; (void)v12; (void)v13; (void)v14; (void)v15;
    return VXOR(VSET1(0x6a09e667f3bcc908ULL ^ 0x01010040ULL), VXOR(v0, v8));
}

/// Advances the positions before the last one by one (an odometer carry out of the last
/// position), updating the message words. Past the end of the keyspace it wraps; callers ignore
/// those lanes.
KERNEL_ATTR static inline __attribute__((always_inline)) void
CPOW_CAT(KERNEL_NAME, _carry)(const uint8_t *cs, unsigned n, int last, unsigned *digits, uint64_t *w) {
    for (int p = last - 1; p >= 0; p--) {
        unsigned old = digits[p], d = old + 1 == n ? 0 : old + 1;
        digits[p] = d;
        w[p >> 3] ^= (uint64_t)(cs[old] ^ cs[d]) << (8 * (p & 7));
        if (d != 0) break;
    }
}

KERNEL_ATTR static inline __attribute__((always_inline)) bool
CPOW_LOOP(const cpow_kernel *k, uint64_t start, uint64_t end, uint64_t *found, const bool full) {
    const uint8_t *cs = k->charset;
    const unsigned n = k->charset_count;
    const int last = (int)k->length - 1;
    unsigned digits[CPOW_MAX_LENGTH];
    uint64_t rest = start;
    for (int p = last; p >= 0; p--) { digits[p] = (unsigned)(rest % n); rest /= n; }
    // w: the message words with every password byte but the last position's.
    uint64_t w[2] = {k->words[0], k->words[1]};
    for (int p = 0; p < last; p++) w[p >> 3] |= (uint64_t)cs[digits[p]] << (8 * (p & 7));
    const int lastWord = last >> 3;
    const unsigned lastShift = 8u * (unsigned)(last & 7);
    unsigned d = digits[last];
    const VEC target = VSET1(k->target0);
    for (uint64_t index = start; index < end; index += LANES) {
        VEC m0, m1;
        if (d + LANES <= n) {
            // Fast path: the lanes differ in the last character only.
            const VEC tail = VLASTBYTES(cs + d, lastShift);
            if (lastWord == 0) { m0 = VXOR(VSET1(w[0]), tail); m1 = VSET1(w[1]); }
            else { m0 = VSET1(w[0]); m1 = VXOR(VSET1(w[1]), tail); }
            d += LANES;
            if (d == n) { d = 0; CPOW_CAT(KERNEL_NAME, _carry)(cs, n, last, digits, w); }
        } else {
            uint64_t a0[LANES], a1[LANES];
            for (unsigned lane = 0; lane < LANES; lane++) {
                uint64_t x[2] = {w[0], w[1]};
                x[lastWord] |= (uint64_t)cs[d] << lastShift;
                a0[lane] = x[0]; a1[lane] = x[1];
                if (++d == n) { d = 0; CPOW_CAT(KERNEL_NAME, _carry)(cs, n, last, digits, w); }
            }
            m0 = VLOADU(a0); m1 = VLOADU(a1);
        }
        const unsigned hits = VMATCH(CPOW_HASH(k, m0, m1, full), target);
        if (__builtin_expect(hits != 0, 0)) {
            for (unsigned lane = 0; lane < LANES; lane++) {
                if ((hits >> lane) & 1u) {
                    if (index + lane < end) { *found = index + lane; return true; }
                    return false;
                }
            }
        }
    }
    return false;
}

/// Searches [start, end) (end ≤ keyspace); see cpow_kernel_search.
KERNEL_ATTR bool KERNEL_NAME(const cpow_kernel *k, uint64_t start, uint64_t end, uint64_t *found) {
    return k->short_message ? CPOW_LOOP(k, start, end, found, false)
                            : CPOW_LOOP(k, start, end, found, true);
}

#undef CPOW_G
#undef CPOW_M_
#undef CPOW_M
#undef CPOW_ROUND
#undef CPOW_HASH
#undef CPOW_LOOP
