// The AVX-512 kernel: eight candidates per zmm register, every rotation one vprorq. Sixteen state
// words in 32 zmm registers leave room for the message words without spills, and four
// independent G functions per half-round keep both 512-bit ALU ports busy, so one vector per
// step. Vector extensions for add/xor (fast in -O0 debug builds too, see kernel_avx2.c),
// intrinsics for the rotations and the compare.
#include "kernel_internal.h"
// A debug build on x86_64 uses the -O3 assembly of this file instead (kernel_select.h).
#if !CPOW_PREASSEMBLED
#ifdef CPOW_X86
// scripts/check-pow-avx512-emulated.sh includes this file with CPOW_AVX512_EMULATED defined and
// SIMDe's portable AVX-512 in place of <immintrin.h>, to test this kernel on CPUs without it.
#ifndef CPOW_AVX512_EMULATED
#include <immintrin.h>
#define KERNEL_NAME cpow_search_avx512
#define KERNEL_ATTR __attribute__((target("avx512f")))
#endif
#include <string.h>

typedef uint64_t cpow_u64x8 __attribute__((vector_size(64)));

#define VEC cpow_u64x8
#define LANES 8u
#define VSET1(x) ((cpow_u64x8){0, 0, 0, 0, 0, 0, 0, 0} + (uint64_t)(x))
#define VADD(a, b) ((a) + (b))
#define VXOR(a, b) ((a) ^ (b))
#define VROR32(x) ((cpow_u64x8)_mm512_ror_epi64((__m512i)(x), 32))
#define VROR24(x) ((cpow_u64x8)_mm512_ror_epi64((__m512i)(x), 24))
#define VROR16(x) ((cpow_u64x8)_mm512_ror_epi64((__m512i)(x), 16))
#define VROR63(x) ((cpow_u64x8)_mm512_ror_epi64((__m512i)(x), 63))
#define VLOADU(p) cpow_avx512_load(p)
#define VLASTBYTES(p, s) \
    (((cpow_u64x8){(p)[0], (p)[1], (p)[2], (p)[3], (p)[4], (p)[5], (p)[6], (p)[7]}) << (s))
#define VMATCH(a, b) ((unsigned)_mm512_cmpeq_epi64_mask((__m512i)(a), (__m512i)(b)))

KERNEL_ATTR static inline __attribute__((always_inline)) cpow_u64x8 cpow_avx512_load(const uint64_t *p) {
    cpow_u64x8 v;
    memcpy(&v, p, sizeof v);
    return v;
}
#include "kernel_template.h"
#endif
#endif  // !CPOW_PREASSEMBLED
