#!/usr/bin/env bash
# Tests the AVX-512 PoW kernel (Sources/CPowKernel/kernel_avx512.c) on a CPU without AVX-512:
# compiles it against SIMDe's portable AVX-512 (Debian: libsimde-dev) and checks it finds the
# same answers as libsodium's BLAKE2b over random charsets, salts and lengths. The Swift tests run
# the real AVX-512 kernel only where the CPU has it.
# Usage: scripts/check-pow-avx512-emulated.sh [shapes]   (needs clang, libsodium-dev, libsimde-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/include/simde/x86/avx512.h ]; then
    apt-get install -y libsimde-dev >/dev/null 2>&1 || { echo "libsimde-dev is not installed"; exit 1; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=Sources/CPowKernel
cat > "$work/emulated.c" <<'C'
#include <simde/x86/avx512.h>
#define __m512i simde__m512i
#define _mm512_ror_epi64 simde_mm512_ror_epi64
#define _mm512_cmpeq_epi64_mask simde_mm512_cmpeq_epi64_mask
#define CPOW_AVX512_EMULATED 1
#define KERNEL_NAME cpow_search_avx512_emulated
#define KERNEL_ATTR
#include "kernel_avx512.c"
C
cat > "$work/check.c" <<'C'
#include "CPowKernel.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
bool cpow_search_avx512_emulated(const cpow_kernel *k, uint64_t start, uint64_t end, uint64_t *found);
static uint64_t s = 0x5eed0610;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
static int failures;
static void expect(const cpow_kernel *k, uint64_t start, uint64_t count, bool hit, uint64_t want, const char *what) {
    uint64_t end = count > k->keyspace - start ? k->keyspace : start + count, f = 0;
    bool ok = start < k->keyspace && cpow_search_avx512_emulated(k, start, end, &f);
    if (ok != hit || (ok && f != want)) {
        if (failures++ < 10) printf("FAIL %s: n=%u length=%u start=%llu count=%llu\n", what, k->charset_count,
                                    k->length, (unsigned long long)start, (unsigned long long)count);
    }
}
int main(int argc, char **argv) {
    if (sodium_init() < 0) return 1;
    int shapes = argc > 1 ? atoi(argv[1]) : 400;
    for (int it = 0; it < shapes; it++) {
        unsigned n = it % 4 == 0 ? 1 + rnd() % 9 : it % 4 == 1 ? 1 + rnd() % 256 : 10 + rnd() % 77;
        uint8_t pool[256];
        for (int i = 0; i < 256; i++) pool[i] = (uint8_t)i;
        for (int i = 255; i > 0; i--) { int j = rnd() % (i + 1); uint8_t t = pool[i]; pool[i] = pool[j]; pool[j] = t; }
        unsigned len = it % 7 == 0 ? (unsigned[]){1, 8, 9, 12}[rnd() % 4] : 1 + rnd() % 12;
        unsigned room = 128 - len;
        unsigned slen = it % 6 == 0 ? 32 - len : it % 6 == 1 ? 33 - len : it % 6 == 2 ? room : rnd() % (room + 1);
        uint8_t msg[128], digest[64];
        for (unsigned i = 0; i < slen; i++) msg[len + i] = (uint8_t)rnd();
        uint64_t space = 1;
        for (unsigned i = 0; i < len; i++) { if (space > UINT64_MAX / n) { space = UINT64_MAX; break; } space *= n; }
        uint64_t bound = space < (1ULL << 48) ? space : (1ULL << 48);
        uint64_t idx = it % 4 == 0 ? bound - 1 - rnd() % (bound < 300 ? bound : 300) : rnd() % bound, rest = idx;
        for (int p = (int)len - 1; p >= 0; p--) { msg[p] = pool[rest % n]; rest /= n; }
        crypto_generichash(digest, 64, msg, len + slen, NULL, 0);
        cpow_kernel k;
        if (!cpow_kernel_init(&k, pool, n, len, msg + len, slen, digest, 64)) { printf("init refused\n"); return 1; }
        uint64_t before = rnd() % 150, after = rnd() % 150;
        if (before > idx) before = idx;
        expect(&k, idx - before, before + 1 + after, true, idx, "window");
        expect(&k, idx - before, before, false, 0, "window ending just before");
        expect(&k, idx, 1, true, idx, "count 1");
        if (idx + 1 < space) expect(&k, idx + 1, 200, false, 0, "after");
    }
    printf("avx512 kernel under SIMDe emulation: %d failures over %d shapes\n", failures, shapes);
    return failures != 0;
}
C
cc=${CC:-clang}
"$cc" -O1 -w -I"$src/include" -I"$src" -c "$work/emulated.c" -o "$work/emulated.o"
"$cc" -O2 -I"$src/include" -I"$src" "$work/check.c" "$work/emulated.o" "$src/cpow_kernel.c" "$src/kernel_portable.c" \
    "$src/kernel_avx2.c" "$src/kernel_avx512.c" -lsodium -o "$work/check"
"$work/check" "${1:-400}"
