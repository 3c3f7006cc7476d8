// The field-heavy part of CRistretto, written once and compiled once per instruction set:
// RFC 9496 decoding and encoding, and the Straus–Shamir loop. Before including, define
//   OPS(name)  the variant's name for `name` (e.g. name##_bmi2)
//   OPS_ATTR   attributes for every function here (e.g. a target("bmi2,adx"))
// The field and group primitives are always_inline, so they take on the including function's
// instruction set (mulx instead of mul for BMI2).

/// h = f^(2^n), n >= 1. Not inlined, so that the long exponentiation chains stay loops instead
/// of filling the generated assembly with hundreds of copies of fe_sq.
OPS_ATTR __attribute__((noinline)) static void OPS(sqn)(fe h, const fe f, int n) {
    fe_sq(h, f);
    while (--n > 0) fe_sq(h, h);
}

/// h = z^(2^252 - 3) = z^((p-5)/8), the exponent of a square root ratio; t11 gets z^11 and
/// t250 gets z^(2^250 - 1) for inversion, which continues from there.
OPS_ATTR static void OPS(pow22523)(fe h, fe t11, fe t250, const fe z) {
    fe t0, t1, t2;
    fe_sq(t0, z);             // 2
    OPS(sqn)(t1, t0, 2);      // 8
    fe_mul(t1, z, t1);        // 9
    fe_mul(t11, t0, t1);      // 11
    fe_sq(t0, t11);           // 22
    fe_mul(t0, t1, t0);       // 31 = 2^5 - 1
    OPS(sqn)(t1, t0, 5);
    fe_mul(t0, t1, t0);       // 2^10 - 1
    OPS(sqn)(t1, t0, 10);
    fe_mul(t1, t1, t0);       // 2^20 - 1
    OPS(sqn)(t2, t1, 20);
    fe_mul(t1, t2, t1);       // 2^40 - 1
    OPS(sqn)(t1, t1, 10);
    fe_mul(t0, t1, t0);       // 2^50 - 1
    OPS(sqn)(t1, t0, 50);
    fe_mul(t1, t1, t0);       // 2^100 - 1
    OPS(sqn)(t2, t1, 100);
    fe_mul(t1, t2, t1);       // 2^200 - 1
    OPS(sqn)(t1, t1, 50);
    fe_mul(t250, t1, t0);     // 2^250 - 1
    OPS(sqn)(t0, t250, 2);    // 2^252 - 4
    fe_mul(h, t0, z);         // 2^252 - 3
}

/// h = 1/z = z^(p - 2) = z^(2^255 - 21); 0 for z = 0.
OPS_ATTR static void OPS(invert)(fe h, const fe z) {
    fe unused, t11, t250;
    OPS(pow22523)(unused, t11, t250, z);
    OPS(sqn)(h, t250, 5);     // 2^255 - 32
    fe_mul(h, h, t11);        // 2^255 - 21
}

/// RFC 9496 §4.2 SQRT_RATIO_M1: r = sqrt(u/v) (non-negative) and whether u/v was a square;
/// otherwise r = sqrt(i·u/v).
OPS_ATTR static int OPS(sqrt_ratio_m1)(fe r, const fe u, const fe v) {
    fe v3, v7, t, check, neg_u, neg_u_i;
    fe_sq(v3, v);
    fe_mul(v3, v3, v);     // v^3
    fe_sq(v7, v3);
    fe_mul(v7, v7, v);     // v^7
    fe_mul(t, u, v7);
    OPS(pow22523)(t, check, neg_u, t); // t = (u v^7)^((p-5)/8); check, neg_u: scratch
    fe_mul(t, t, v3);
    fe_mul(r, t, u);       // r = u v^3 (u v^7)^((p-5)/8)
    fe_sq(check, r);
    fe_mul(check, check, v);
    fe_neg(neg_u, u);
    fe_mul(neg_u_i, neg_u, fe_sqrtm1);
    const int correct = fe_equal(check, u);
    const int flipped = fe_equal(check, neg_u);
    const int flipped_i = fe_equal(check, neg_u_i);
    if (flipped || flipped_i) fe_mul(r, r, fe_sqrtm1);
    fe_abs(r, r);
    return correct | flipped;
}

/// RFC 9496 §4.3.1 decode: 0 and the point, or -1 for anything but a canonical encoding.
OPS_ATTR __attribute__((noinline)) static int OPS(decode)(ge_p3 *p, const uint8_t bytes[32]) {
    if (!ristretto_is_canonical_nonnegative(bytes)) return -1;
    fe s, ss, u1, u2, u2_sqr, v, t, invsqrt, den_x, den_y;
    static const fe one = {1, 0, 0, 0, 0};
    fe_frombytes(s, bytes);
    fe_sq(ss, s);
    fe_sub(u1, one, ss);         // 1 + a s^2 (a = -1)
    fe_add(u2, one, ss);         // 1 - a s^2
    fe_sq(u2_sqr, u2);
    fe_sq(t, u1);
    fe_mul(t, t, fe_d);
    fe_neg(t, t);
    fe_sub(v, t, u2_sqr);        // v = -(d u1^2) - u2^2
    fe_mul(t, v, u2_sqr);
    const int was_square = OPS(sqrt_ratio_m1)(invsqrt, one, t);
    fe_mul(den_x, invsqrt, u2);
    fe_mul(den_y, invsqrt, den_x);
    fe_mul(den_y, den_y, v);
    fe_add(t, s, s);
    fe_mul(t, t, den_x);
    fe_abs(p->X, t);             // x = |2 s den_x|
    fe_mul(p->Y, u1, den_y);
    fe_1(p->Z);
    fe_mul(p->T, p->X, p->Y);
    if (!was_square || fe_isnegative(p->T) || fe_iszero(p->Y)) return -1;
    return 0;
}

/// RFC 9496 §4.3.2 encode.
OPS_ATTR __attribute__((noinline)) static void OPS(encode)(uint8_t out[32], const ge_p3 *p) {
    fe u1, u2, t, invsqrt, den1, den2, z_inv, x, y, den_inv;
    static const fe one = {1, 0, 0, 0, 0};
    fe_add(u1, p->Z, p->Y);
    fe_sub(t, p->Z, p->Y);
    fe_mul(u1, u1, t);           // (Z + Y)(Z - Y)
    fe_mul(u2, p->X, p->Y);
    fe_sq(t, u2);
    fe_mul(t, t, u1);
    OPS(sqrt_ratio_m1)(invsqrt, one, t); // 1/sqrt(u1 u2^2); a square for every valid point
    fe_mul(den1, invsqrt, u1);
    fe_mul(den2, invsqrt, u2);
    fe_mul(z_inv, den1, den2);
    fe_mul(z_inv, z_inv, p->T);
    fe_mul(t, p->T, z_inv);
    if (fe_isnegative(t)) {      // rotate by the 4-torsion point: (x, y) -> (iy, ix)
        fe_mul(x, p->Y, fe_sqrtm1);
        fe_mul(y, p->X, fe_sqrtm1);
        fe_mul(den_inv, den1, fe_invsqrt_a_minus_d);
    } else {
        fe_copy(x, p->X);
        fe_copy(y, p->Y);
        fe_copy(den_inv, den2);
    }
    fe_mul(t, x, z_inv);
    if (fe_isnegative(t)) fe_neg(y, y);
    fe_sub(t, p->Z, y);
    fe_mul(t, den_inv, t);
    fe_abs(t, t);
    fe_tobytes(out, t);
}

/// The odd multiples A, 3A, …, 15A of a decoded A (or of −A with `negate`) and their
/// negatives: what the Straus loop reads for A. -1 if A does not decode.
OPS_ATTR static int OPS(prepare)(ge_cached a_table[1 << (A_WIDTH - 2)], ge_cached a_neg_table[1 << (A_WIDTH - 2)],
                                 const uint8_t A_bytes[32], int negate) {
    ge_p3 A, u, a2;
    ge_p1p1 t;
    if (OPS(decode)(&A, A_bytes) != 0) return -1;
    if (negate) { // -(x, y) = (-x, y): two field negations
        fe_neg(A.X, A.X);
        fe_neg(A.T, A.T);
    }
    ge_p3_to_cached(&a_table[0], &A);
    ge_p3_dbl(&t, &A);
    ge_p1p1_to_p3(&a2, &t);
    for (int i = 1; i < (1 << (A_WIDTH - 2)); i++) {
        ge_add_cached(&t, &a2, &a_table[i - 1]);
        ge_p1p1_to_p3(&u, &t);
        ge_p3_to_cached(&a_table[i], &u);
    }
    for (int i = 0; i < (1 << (A_WIDTH - 2)); i++) ge_cached_neg(&a_neg_table[i], &a_table[i]);
    return 0;
}

/// out = encode(a·A + b·B) from the NAF digits of a (width A_WIDTH, against A's prepared odd
/// multiples) and b (width B_WIDTH, against the basepoint's odd multiples and their negatives).
OPS_ATTR static void OPS(straus)(uint8_t out[32], const int8_t a_naf[NAF_LENGTH], const ge_cached *a_table,
                                 const ge_cached *a_neg_table, const int8_t b_naf[NAF_LENGTH],
                                 const ge_niels *b_table, const ge_niels *b_neg_table) {
    ge_p3 u;
    ge_p1p1 t;
    int i = NAF_LENGTH - 1;
    while (i >= 0 && a_naf[i] == 0 && b_naf[i] == 0) i--;
    if (i < 0) {
        memset(out, 0, 32); // the identity
        return;
    }
    // Horner from the top digit: double, then add the digits' multiples. A doubling that is
    // followed by another needs only X, Y, Z (p2); an addition needs the full p3 first.
    ge_p2 acc = {{0, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {1, 0, 0, 0, 0}};
    for (;; i--) {
        ge_p2_dbl(&t, &acc);
        const int8_t da = a_naf[i], db = b_naf[i];
        if (da != 0) {
            ge_p1p1_to_p3(&u, &t);
            ge_add_cached(&t, &u, da > 0 ? &a_table[da / 2] : &a_neg_table[-da / 2]);
        }
        if (db != 0) {
            ge_p1p1_to_p3(&u, &t);
            ge_add_niels(&t, &u, db > 0 ? &b_table[db / 2] : &b_neg_table[-db / 2]);
        }
        if (i == 0) break;
        ge_p1p1_to_p2(&acc, &t);
    }
    ge_p1p1_to_p3(&u, &t);
    OPS(encode)(out, &u);
}
