// Shared between the implementation files; not part of the public header.
#ifndef CPOWKERNEL_INTERNAL_H
#define CPOWKERNEL_INTERNAL_H
#include "CPowKernel.h"
#include "kernel_select.h"

/// Each searches [start, end) with end ≤ k->keyspace.
bool cpow_search_portable(const cpow_kernel *k, uint64_t start, uint64_t end, uint64_t *found);
#if defined(__x86_64__) || defined(_M_X64)
#define CPOW_X86 1
bool cpow_search_avx2(const cpow_kernel *k, uint64_t start, uint64_t end, uint64_t *found);
bool cpow_search_avx512(const cpow_kernel *k, uint64_t start, uint64_t end, uint64_t *found);
#endif

#endif
