// The proof-of-work inner loop: BLAKE2b-512(password + salt) (hashcat mode 610) over a mask of
// one custom charset, compared with the first 8 bytes of the target digest.
//
// One binary carries three implementations, chosen at run time from the CPU's features:
//   avx512    eight candidates per zmm register, vprorq rotations (x86-64 with AVX-512F)
//   avx2      four candidates per ymm register, byte-shuffle rotations (x86-64 with AVX2)
//   portable  one candidate at a time in plain C (any CPU, any architecture)
// The dispatcher picks the best supported one at first use; SN27_POW_KERNEL=avx512|avx2|portable
// overrides it (an unsupported or unknown value falls back to the best supported kernel).
//
// Candidates are numbered in charset order: index 0 is charset[0] repeated, the last position
// varies fastest.
#ifndef CPOWKERNEL_H
#define CPOWKERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The implementations, in increasing order of preference.
typedef enum {
    CPOW_IMPL_PORTABLE = 0,
    CPOW_IMPL_AVX2 = 1,
    CPOW_IMPL_AVX512 = 2,
} cpow_impl;

/// The longest password the kernel takes: it must live in message words 0 and 1.
#define CPOW_MAX_LENGTH 12

/// One prepared challenge. Everything that does not depend on the password is computed once.
typedef struct {
    /// Message words (little-endian) of the one 128-byte block, password bytes zeroed.
    uint64_t words[16];
    /// BLAKE2b working state after round 0's three column G functions that read words 2–7 only.
    uint64_t v[16];
    /// Digest word 0 to find (first 8 digest bytes, little-endian).
    uint64_t target0;
    /// charset_count^length, saturated at UINT64_MAX.
    uint64_t keyspace;
    /// Password length, 1…CPOW_MAX_LENGTH.
    uint32_t length;
    /// Charset size, 1…256.
    uint32_t charset_count;
    /// Non-zero when message words 4…15 are all zero (password + salt ≤ 32 bytes).
    uint32_t short_message;
    uint32_t reserved;
    /// The charset, zero-padded: vector kernels read up to 16 bytes past any digit.
    uint8_t charset[256 + 16];
} cpow_kernel;

/// Prepares `k`. Returns false when the shape is outside the kernel: length not in
/// 1…CPOW_MAX_LENGTH, charset empty or over 256 bytes, length + salt over one 128-byte block, or a
/// digest that is not 64 bytes. Callers then use a scalar path.
bool cpow_kernel_init(cpow_kernel *k, const uint8_t *charset, size_t charset_count, size_t length,
                      const uint8_t *salt, size_t salt_count, const uint8_t *digest, size_t digest_count);

/// Searches candidates start ..< start + count (clamped to the keyspace) with the dispatched
/// implementation. On a match of digest word 0 stores the first matching index in *found and
/// returns true. A match is a candidate: confirm it with a full hash (2^-64 false positives).
bool cpow_kernel_search(const cpow_kernel *k, uint64_t start, uint64_t count, uint64_t *found);

/// The same search with a given implementation; returns false (no match) when the CPU lacks it.
bool cpow_kernel_search_with(const cpow_kernel *k, cpow_impl impl, uint64_t start, uint64_t count,
                             uint64_t *found);

/// True when this CPU (and its OS) runs `impl`.
bool cpow_impl_supported(cpow_impl impl);

/// What the dispatcher picks for an override value (NULL or "" for none): the named kernel when
/// this CPU runs it, else the best supported one.
cpow_impl cpow_impl_choose(const char *override_name);

/// The dispatched implementation: cpow_impl_choose(getenv("SN27_POW_KERNEL")), decided once.
cpow_impl cpow_impl_selected(void);

/// "avx512", "avx2" or "portable".
const char *cpow_impl_name(cpow_impl impl);

/// Candidates hashed per vector step by `impl` (8, 4 or 1).
unsigned cpow_impl_lanes(cpow_impl impl);

#ifdef __cplusplus
}
#endif

#endif
