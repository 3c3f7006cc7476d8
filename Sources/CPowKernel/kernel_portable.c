// The portable kernel: one candidate at a time in plain 64-bit C, for any CPU. Compilers turn the
// rotations into single rotate instructions.
#include "kernel_internal.h"
// A debug build on x86_64 uses the -O3 assembly of this file instead (kernel_select.h).
#if !CPOW_PREASSEMBLED

#define KERNEL_NAME cpow_search_portable
#define KERNEL_ATTR
#define VEC uint64_t
#define LANES 1u
#define VSET1(x) ((uint64_t)(x))
#define VADD(a, b) ((a) + (b))
#define VXOR(a, b) ((a) ^ (b))
#define CPOW_ROTR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define VROR32(x) CPOW_ROTR(x, 32)
#define VROR24(x) CPOW_ROTR(x, 24)
#define VROR16(x) CPOW_ROTR(x, 16)
#define VROR63(x) CPOW_ROTR(x, 63)
#define VLOADU(p) ((p)[0])
#define VLASTBYTES(p, s) ((uint64_t)(p)[0] << (s))
#define VMATCH(a, b) ((unsigned)((a) == (b)))
#include "kernel_template.h"
#endif  // !CPOW_PREASSEMBLED
