// Points of the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 (a = -1) in the coordinate
// systems of Hisil–Wong–Carter–Dawson, "Twisted Edwards curves revisited" (2008):
//   p2:     (X : Y : Z), x = X/Z, y = Y/Z
//   p3:     extended (X : Y : Z : T), also T = XY/Z
//   p1p1:   a completed point ((X : Z), (Y : T)), x = X/Z, y = Y/T, the output of add/double
//   cached: (Y+X, Y-X, Z, 2dT), a p3 ready to be added
//   niels:  affine (y+x, y-x, 2dxy), Z = 1 (the basepoint table)
// A doubling reads only X, Y, Z, so a doubling followed by another skips computing T (p2).
#ifndef CRISTRETTO_GE25519_H
#define CRISTRETTO_GE25519_H
#include "fe25519.h"

typedef struct { fe X, Y, Z; } ge_p2;
typedef struct { fe X, Y, Z, T; } ge_p3;
typedef struct { fe X, Y, Z, T; } ge_p1p1;
typedef struct { fe YplusX, YminusX, Z, T2d; } ge_cached;
typedef struct { fe yplusx, yminusx, xy2d; } ge_niels;

static FE_INLINE void ge_p3_identity(ge_p3 *r) {
    fe_0(r->X); fe_1(r->Y); fe_1(r->Z); fe_0(r->T);
}

static FE_INLINE void ge_p1p1_to_p2(ge_p2 *r, const ge_p1p1 *p) {
    fe_mul(r->X, p->X, p->T);
    fe_mul(r->Y, p->Y, p->Z);
    fe_mul(r->Z, p->Z, p->T);
}

static FE_INLINE void ge_p1p1_to_p3(ge_p3 *r, const ge_p1p1 *p) {
    fe_mul(r->X, p->X, p->T);
    fe_mul(r->Y, p->Y, p->Z);
    fe_mul(r->Z, p->Z, p->T);
    fe_mul(r->T, p->X, p->Y);
}

static FE_INLINE void ge_p3_to_cached(ge_cached *r, const ge_p3 *p) {
    fe_add(r->YplusX, p->Y, p->X);
    fe_sub(r->YminusX, p->Y, p->X);
    fe_copy(r->Z, p->Z);
    fe_mul(r->T2d, p->T, fe_d2);
}

/// 2p ("dbl-2008-hwcd" with a = -1): 4 squarings.
static FE_INLINE void ge_p2_dbl(ge_p1p1 *r, const ge_p2 *p) {
    fe t0;
    fe_sq(r->X, p->X);        // XX
    fe_sq(r->Z, p->Y);        // YY
    fe_sq2(r->T, p->Z);       // 2 ZZ
    fe_add(r->Y, p->X, p->Y);
    fe_sq(t0, r->Y);          // (X+Y)^2
    fe_add(r->Y, r->Z, r->X); // YY + XX
    fe_sub(r->Z, r->Z, r->X); // YY - XX
    fe_sub(r->X, t0, r->Y);   // 2XY
    fe_sub(r->T, r->T, r->Z); // 2ZZ - (YY - XX)
}

static FE_INLINE void ge_p3_dbl(ge_p1p1 *r, const ge_p3 *p) {
    ge_p2 q;
    fe_copy(q.X, p->X); fe_copy(q.Y, p->Y); fe_copy(q.Z, p->Z);
    ge_p2_dbl(r, &q);
}

/// p + q ("add-2008-hwcd-3" with k = 2d): 8 multiplications. Subtraction adds a negated
/// table entry (ge_cached_neg), so there is no branch here.
static FE_INLINE void ge_add_cached(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q) {
    fe a, b, c, dd;
    fe_add(a, p->Y, p->X);
    fe_sub(b, p->Y, p->X);
    fe_mul(a, a, q->YplusX);
    fe_mul(b, b, q->YminusX);
    fe_mul(c, q->T2d, p->T);
    fe_mul(dd, p->Z, q->Z);
    fe_add(dd, dd, dd);
    fe_sub(r->X, a, b);
    fe_add(r->Y, a, b);
    fe_add(r->Z, dd, c);
    fe_sub(r->T, dd, c);
}

/// p + q for an affine q (mixed addition): 7 multiplications.
static FE_INLINE void ge_add_niels(ge_p1p1 *r, const ge_p3 *p, const ge_niels *q) {
    fe a, b, c, dd;
    fe_add(a, p->Y, p->X);
    fe_sub(b, p->Y, p->X);
    fe_mul(a, a, q->yplusx);
    fe_mul(b, b, q->yminusx);
    fe_mul(c, q->xy2d, p->T);
    fe_add(dd, p->Z, p->Z);
    fe_sub(r->X, a, b);
    fe_add(r->Y, a, b);
    fe_add(r->Z, dd, c);
    fe_sub(r->T, dd, c);
}

/// -q: -(x, y) = (-x, y) swaps y+x with y-x and negates the T term.
static FE_INLINE void ge_cached_neg(ge_cached *r, const ge_cached *q) {
    fe_copy(r->YplusX, q->YminusX);
    fe_copy(r->YminusX, q->YplusX);
    fe_copy(r->Z, q->Z);
    fe_neg(r->T2d, q->T2d);
}

static FE_INLINE void ge_niels_neg(ge_niels *r, const ge_niels *q) {
    fe_copy(r->yplusx, q->yminusx);
    fe_copy(r->yminusx, q->yplusx);
    fe_neg(r->xy2d, q->xy2d);
}

#endif
