// Challenge preparation, CPU feature detection and the run-time dispatcher.
#include "kernel_internal.h"
#include <stdlib.h>
#include <string.h>
#if defined(CPOW_X86)
#include <cpuid.h>
#endif

static const uint64_t cpow_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

static inline uint64_t cpow_rotr(uint64_t x, unsigned n) { return (x >> n) | (x << (64 - n)); }

static void cpow_g(uint64_t *v, int a, int b, int c, int d, uint64_t x, uint64_t y) {
    v[a] = v[a] + v[b] + x; v[d] = cpow_rotr(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d];     v[b] = cpow_rotr(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y; v[d] = cpow_rotr(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];     v[b] = cpow_rotr(v[b] ^ v[c], 63);
}

bool cpow_kernel_init(cpow_kernel *k, const uint8_t *charset, size_t charset_count, size_t length,
                      const uint8_t *salt, size_t salt_count, const uint8_t *digest, size_t digest_count) {
    if (length < 1 || length > CPOW_MAX_LENGTH || charset_count < 1 || charset_count > 256 ||
        salt_count > 128 - length || digest_count != 64)
        return false;
    memset(k, 0, sizeof *k);
    memcpy(k->charset, charset, charset_count);
    k->charset_count = (uint32_t)charset_count;
    k->length = (uint32_t)length;
    uint64_t space = 1;
    for (size_t i = 0; i < length; i++) {
        if (space > UINT64_MAX / charset_count) { space = UINT64_MAX; break; }
        space *= charset_count;
    }
    k->keyspace = space;
    uint8_t block[128] = {0};
    if (salt_count) memcpy(block + length, salt, salt_count);
    for (int i = 0; i < 16; i++) {
        uint64_t w = 0;
        for (int b = 0; b < 8; b++) w |= (uint64_t)block[8 * i + b] << (8 * b);
        k->words[i] = w;
    }
    k->short_message = length + salt_count <= 32;
    uint64_t *v = k->v;
    for (int i = 0; i < 8; i++) { v[i] = cpow_iv[i]; v[8 + i] = cpow_iv[i]; }
    v[0] ^= 0x01010040ULL;                    // digest 64 bytes, no key, fan-out 1, depth 1
    v[12] ^= (uint64_t)(length + salt_count); // t0; t1 stays 0
    v[14] = ~v[14];                           // the final block
    // Round 0's columns 1–3 read message words 2–7 only.
    cpow_g(v, 1, 5, 9, 13, k->words[2], k->words[3]);
    cpow_g(v, 2, 6, 10, 14, k->words[4], k->words[5]);
    cpow_g(v, 3, 7, 11, 15, k->words[6], k->words[7]);
    uint64_t t = 0;
    for (int b = 0; b < 8; b++) t |= (uint64_t)digest[b] << (8 * b);
    k->target0 = t;
    return true;
}

// MARK: - CPU features

#if defined(CPOW_X86)
static uint64_t cpow_xgetbv0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}
#endif

static bool cpow_impl_detect(cpow_impl impl) {
    switch (impl) {
    case CPOW_IMPL_PORTABLE: return true;
#if defined(CPOW_X86)
    case CPOW_IMPL_AVX2:
    case CPOW_IMPL_AVX512: {
        unsigned a, b, c, d;
        if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
        const unsigned osxsave = 1u << 27, avx = 1u << 28;
        if ((c & (osxsave | avx)) != (osxsave | avx)) return false;
        const uint64_t xcr0 = cpow_xgetbv0();
        if ((xcr0 & 0x6) != 0x6) return false;            // the OS saves xmm and ymm state
        if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
        if (impl == CPOW_IMPL_AVX2) return (b >> 5) & 1;    // AVX2
        if ((xcr0 & 0xe0) != 0xe0) return false;           // opmask and zmm state
        return (b >> 16) & 1;                               // AVX-512F
    }
#endif
    default: return false;
    }
}

bool cpow_impl_supported(cpow_impl impl) {
    // Bit i set: implementation i runs here; bit 31 marks the cache filled. cpuid is slow in a
    // virtual machine (it traps to the hypervisor), so it is asked once.
    static uint32_t cache = 0;
    uint32_t bits = __atomic_load_n(&cache, __ATOMIC_RELAXED);
    if (!bits) {
        bits = 1u << 31;
        for (int i = CPOW_IMPL_PORTABLE; i <= CPOW_IMPL_AVX512; i++)
            if (cpow_impl_detect((cpow_impl)i)) bits |= 1u << i;
        __atomic_store_n(&cache, bits, __ATOMIC_RELAXED);
    }
    return (unsigned)impl <= CPOW_IMPL_AVX512 && ((bits >> impl) & 1);
}

// MARK: - Dispatch

const char *cpow_impl_name(cpow_impl impl) {
    switch (impl) {
    case CPOW_IMPL_AVX512: return "avx512";
    case CPOW_IMPL_AVX2: return "avx2";
    case CPOW_IMPL_PORTABLE: return "portable";
    default: return "unknown";
    }
}

unsigned cpow_impl_lanes(cpow_impl impl) {
    switch (impl) {
    case CPOW_IMPL_AVX512: return 8;
    case CPOW_IMPL_AVX2: return 4;
    default: return 1;
    }
}

cpow_impl cpow_impl_choose(const char *override_name) {
    if (override_name && *override_name) {
        for (int i = CPOW_IMPL_AVX512; i >= CPOW_IMPL_PORTABLE; i--) {
            if (strcmp(override_name, cpow_impl_name((cpow_impl)i)) == 0 && cpow_impl_supported((cpow_impl)i))
                return (cpow_impl)i;
        }
    }
    if (cpow_impl_supported(CPOW_IMPL_AVX512)) return CPOW_IMPL_AVX512;
    if (cpow_impl_supported(CPOW_IMPL_AVX2)) return CPOW_IMPL_AVX2;
    return CPOW_IMPL_PORTABLE;
}

cpow_impl cpow_impl_selected(void) {
    static int chosen = -1;   // decided once; a race only computes the same value twice
    int c = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (c < 0) {
        c = (int)cpow_impl_choose(getenv("SN27_POW_KERNEL"));
        __atomic_store_n(&chosen, c, __ATOMIC_RELAXED);
    }
    return (cpow_impl)c;
}

bool cpow_kernel_search_with(const cpow_kernel *k, cpow_impl impl, uint64_t start, uint64_t count,
                             uint64_t *found) {
    if (start >= k->keyspace) return false;
    const uint64_t end = count > k->keyspace - start ? k->keyspace : start + count;
    switch (impl) {
#if defined(CPOW_X86)
    case CPOW_IMPL_AVX512:
        return cpow_impl_supported(impl) && cpow_search_avx512(k, start, end, found);
    case CPOW_IMPL_AVX2:
        return cpow_impl_supported(impl) && cpow_search_avx2(k, start, end, found);
#endif
    case CPOW_IMPL_PORTABLE:
        return cpow_search_portable(k, start, end, found);
    default:
        return false;
    }
}

bool cpow_kernel_search(const cpow_kernel *k, uint64_t start, uint64_t count, uint64_t *found) {
    return cpow_kernel_search_with(k, cpow_impl_selected(), start, count, found);
}
