// The AVX2 kernel: four candidates per ymm register. 32-bit rotations are a dword shuffle, 24-
// and 16-bit ones a byte shuffle (vpshufb), 63-bit is add + shift + or. The sixteen state words
// fill the sixteen ymm registers, so one vector per step: interleaving two only spills.
//
// Written with clang/GCC vector extensions rather than intrinsics: optimised, the code is the
// same, and in a debug build (SwiftPM compiles C at -O0) it runs ~20x faster than intrinsics,
// which at -O0 are out-of-line-style copies through the stack.
#include "kernel_internal.h"
// A debug build on x86_64 uses the -O3 assembly of this file instead (kernel_select.h).
#if !CPOW_PREASSEMBLED
#ifdef CPOW_X86
#include <immintrin.h>
#include <string.h>

typedef uint64_t cpow_u64x4 __attribute__((vector_size(32)));
typedef uint32_t cpow_u32x8 __attribute__((vector_size(32)));
typedef uint8_t cpow_u8x32 __attribute__((vector_size(32)));

#define KERNEL_NAME cpow_search_avx2
#define KERNEL_ATTR __attribute__((target("avx2")))
#define VEC cpow_u64x4
#define LANES 4u
#define VSET1(x) ((cpow_u64x4){0, 0, 0, 0} + (uint64_t)(x))
#define VADD(a, b) ((a) + (b))
#define VXOR(a, b) ((a) ^ (b))
#define VROR32(x) ((cpow_u64x4)__builtin_shufflevector((cpow_u32x8)(x), (cpow_u32x8)(x), \
    1, 0, 3, 2, 5, 4, 7, 6))
#define VROR24(x) ((cpow_u64x4)__builtin_shufflevector((cpow_u8x32)(x), (cpow_u8x32)(x), \
    3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10,                               \
    19, 20, 21, 22, 23, 16, 17, 18, 27, 28, 29, 30, 31, 24, 25, 26))
#define VROR16(x) ((cpow_u64x4)__builtin_shufflevector((cpow_u8x32)(x), (cpow_u8x32)(x), \
    2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9,                               \
    18, 19, 20, 21, 22, 23, 16, 17, 26, 27, 28, 29, 30, 31, 24, 25))
#define VROR63(x) (((x) >> 63) | ((x) + (x)))
#define VLOADU(p) cpow_avx2_load(p)
#define VLASTBYTES(p, s) (((cpow_u64x4){(p)[0], (p)[1], (p)[2], (p)[3]}) << (s))
#define VMATCH(a, b) ((unsigned)_mm256_movemask_pd(_mm256_castsi256_pd((__m256i)((a) == (b)))))

KERNEL_ATTR static inline __attribute__((always_inline)) cpow_u64x4 cpow_avx2_load(const uint64_t *p) {
    cpow_u64x4 v;
    memcpy(&v, p, sizeof v);
    return v;
}
#include "kernel_template.h"
#endif
#endif  // !CPOW_PREASSEMBLED
