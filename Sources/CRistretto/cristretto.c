// CRistretto's entry points: width-w NAF recoding, the basepoint table, and the choice between
// the portable and the BMI2/ADX copy of ristretto_ops.h.
#include "cristretto_select.h"
// A debug build on x86_64 uses the -O3 assembly of this file instead (cristretto_select.h).
#if !CRISTRETTO_PREASSEMBLED
#include <pthread.h>
#include "cristretto.h"
#include "ge25519.h"
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#define CRISTRETTO_X86 1
#endif

#define A_WIDTH 5 // digits ±1, ±3, …, ±15: a table of 8 multiples of A per call
#define B_WIDTH 8 // digits ±1, …, ±127: 64 multiples of B, computed once
#define NAF_LENGTH 257

/// Canonical field encoding (below p, bit 255 clear) and non-negative (even): RFC 9496 §4.3.1.
static int ristretto_is_canonical_nonnegative(const uint8_t s[32]) {
    if ((s[0] & 1) || (s[31] & 0x80)) return 0;
    // s >= p = 2^255 - 19 only if byte 31 is 0x7f, bytes 30..1 are 0xff and byte 0 >= 0xed.
    if (s[31] != 0x7f) return 1;
    for (int i = 30; i > 0; i--)
        if (s[i] != 0xff) return 1;
    return s[0] < 0xed;
}

#define OPS(name) name##_portable
#define OPS_ATTR
#include "ristretto_ops.h"
#undef OPS
#undef OPS_ATTR
#if CRISTRETTO_X86
#define OPS(name) name##_bmi2
#define OPS_ATTR __attribute__((target("bmi2,adx")))
#include "ristretto_ops.h"
#undef OPS
#undef OPS_ATTR
#endif

/// Width-w NAF of a 256-bit little-endian scalar: out[i] is zero or odd with |out[i]| < 2^(w-1),
/// at most one non-zero digit in any w consecutive positions, and Σ out[i]·2^i = the scalar.
/// A 256-bit input may carry into position 256, hence 257 digits.
static void naf(int8_t out[NAF_LENGTH], const uint8_t scalar[32], int w) {
    uint64_t x[5] = {0, 0, 0, 0, 0};
    for (int i = 0; i < 4; i++) x[i] = fe_load64(scalar + 8 * i);
    memset(out, 0, NAF_LENGTH);
    const uint64_t width = 1ull << w, mask = width - 1;
    uint64_t carry = 0;
    int pos = 0;
    while (pos < 256) {
        const int idx = pos / 64, bit = pos % 64;
        uint64_t bits = x[idx] >> bit;
        if (bit > 64 - w) bits |= x[idx + 1] << (64 - bit);
        const uint64_t window = carry + (bits & mask);
        if ((window & 1) == 0) { // no digit here (a pending carry may ripple on)
            pos += 1;
            continue;
        }
        if (window < width / 2) {
            carry = 0;
            out[pos] = (int8_t)window;
        } else {
            carry = 1; // digit window - 2^w; the 2^w moves to position pos + w
            out[pos] = (int8_t)((int64_t)window - (int64_t)width);
        }
        pos += w;
    }
    // A carry only leaves a window that ends at or below bit 256, so it lands exactly there.
    out[256] = (int8_t)carry;
}

// What is set up once: the basepoint's odd multiples ±1·B, ±3·B, …, ±127·B in affine Niels form,
// and whether this CPU has BMI2 and ADX.
static ge_niels basepoint_table[1 << (B_WIDTH - 2)], basepoint_neg_table[1 << (B_WIDTH - 2)];
static int use_bmi2;
static pthread_once_t setup_once = PTHREAD_ONCE_INIT;

static void setup(void) {
#if CRISTRETTO_X86
    unsigned a, b, c, d;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) use_bmi2 = ((b >> 8) & 1) && ((b >> 19) & 1);
#endif
    // RFC 9496 §4.4: the ristretto255 generator.
    static const uint8_t basepoint[32] = {
        0xe2, 0xf2, 0xae, 0x0a, 0x6a, 0xbc, 0x4e, 0x71, 0xa8, 0x84, 0xa9, 0x61, 0xc5, 0x00, 0x51, 0x5f,
        0x58, 0xe3, 0x0b, 0x6a, 0xa5, 0x82, 0xdd, 0x8d, 0xb6, 0xa6, 0x59, 0x45, 0xe0, 0x8d, 0x2d, 0x76,
    };
    ge_p3 b1, b2, multiple;
    ge_p1p1 t;
    ge_cached b2_cached;
    decode_portable(&b1, basepoint);
    ge_p3_dbl(&t, &b1);
    ge_p1p1_to_p3(&b2, &t);
    ge_p3_to_cached(&b2_cached, &b2);
    multiple = b1;
    for (int i = 0; i < (1 << (B_WIDTH - 2)); i++) {
        if (i > 0) {
            ge_add_cached(&t, &multiple, &b2_cached);
            ge_p1p1_to_p3(&multiple, &t);
        }
        fe z_inv, x, y;
        invert_portable(z_inv, multiple.Z);
        fe_mul(x, multiple.X, z_inv);
        fe_mul(y, multiple.Y, z_inv);
        ge_niels *entry = &basepoint_table[i];
        fe_add(entry->yplusx, y, x);
        fe_sub(entry->yminusx, y, x);
        fe_mul(entry->xy2d, x, y);
        fe_mul(entry->xy2d, entry->xy2d, fe_d2);
        ge_niels_neg(&basepoint_neg_table[i], entry);
    }
}

/// A's prepared multiples, on this CPU's copy of the code.
static int prepare(ge_cached *table, ge_cached *neg_table, const uint8_t A[32], int negate) {
    pthread_once(&setup_once, setup);
#if CRISTRETTO_X86
    if (use_bmi2) return prepare_bmi2(table, neg_table, A, negate);
#endif
    return prepare_portable(table, neg_table, A, negate);
}

/// encode(a·A + b·B) against A's prepared multiples.
static void straus(uint8_t out[32], const uint8_t a[32], const ge_cached *table, const ge_cached *neg_table,
                   const uint8_t b[32]) {
    pthread_once(&setup_once, setup);
    int8_t a_naf[NAF_LENGTH], b_naf[NAF_LENGTH];
    naf(a_naf, a, A_WIDTH);
    naf(b_naf, b, B_WIDTH);
#if CRISTRETTO_X86
    if (use_bmi2) {
        straus_bmi2(out, a_naf, table, neg_table, b_naf, basepoint_table, basepoint_neg_table);
        return;
    }
#endif
    straus_portable(out, a_naf, table, neg_table, b_naf, basepoint_table, basepoint_neg_table);
}

static int double_base(uint8_t out[32], const uint8_t a[32], const uint8_t A[32], int negate, const uint8_t b[32]) {
    ge_cached table[1 << (A_WIDTH - 2)], neg_table[1 << (A_WIDTH - 2)];
    if (prepare(table, neg_table, A, negate) != 0) return -1;
    straus(out, a, table, neg_table, b);
    return 0;
}

// The prepared key holds −A's odd multiples then their negatives (the Schnorr check adds k·(−A)).
_Static_assert(sizeof(cristretto_verify_key) == 2 * (1 << (A_WIDTH - 2)) * sizeof(ge_cached),
               "cristretto_verify_key must hold the two tables of A_WIDTH");

int cristretto_prepare_verify_key(cristretto_verify_key *key, const uint8_t A[32]) {
    ge_cached *table = (ge_cached *)key->limbs;
    return prepare(table, table + (1 << (A_WIDTH - 2)), A, 1);
}

int cristretto_verify_schnorr_prepared(const uint8_t s[32], const uint8_t k[32], const cristretto_verify_key *key,
                                       const uint8_t R[32]) {
    const ge_cached *table = (const ge_cached *)key->limbs;
    uint8_t encoded[32];
    straus(encoded, k, table, table + (1 << (A_WIDTH - 2)), s);
    uint8_t difference = 0;
    for (int i = 0; i < 32; i++) difference |= encoded[i] ^ R[i];
    return difference == 0;
}

int cristretto_is_valid_point(const uint8_t p[32]) {
    ge_p3 point;
    return decode_portable(&point, p) == 0;
}

int cristretto_double_base_vartime(uint8_t out[32], const uint8_t a[32], const uint8_t A[32],
                                   const uint8_t b[32]) {
    uint8_t result[32];
    if (double_base(result, a, A, 0, b) != 0) return -1;
    memcpy(out, result, 32);
    return 0;
}

int cristretto_verify_schnorr(const uint8_t s[32], const uint8_t k[32], const uint8_t A[32],
                              const uint8_t R[32]) {
    uint8_t encoded[32];
    // s·B - k·A = k·(-A) + s·B
    if (double_base(encoded, k, A, 1, s) != 0) return 0;
    uint8_t difference = 0;
    for (int i = 0; i < 32; i++) difference |= encoded[i] ^ R[i];
    return difference == 0;
}

#endif // !CRISTRETTO_PREASSEMBLED
