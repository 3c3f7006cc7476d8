// Which copy of the proof-of-work kernels a build uses; preprocessor only, so that the C
// sources and the generated assembly (kernel_*_x86_64.S) can both include it.
//
// SwiftPM compiles C at -O0 in debug builds, where the C kernels run 5-6x slower. On x86_64 ELF
// such a build assembles the -O3 output committed by scripts/generate-pow-asm instead; every
// optimised build (and every other platform) compiles the C.
#ifndef CPOWKERNEL_SELECT_H
#define CPOWKERNEL_SELECT_H
#if defined(__x86_64__) && defined(__ELF__) && !defined(__OPTIMIZE__) && !defined(CPOW_NO_PREASSEMBLED)
#define CPOW_PREASSEMBLED 1
#else
#define CPOW_PREASSEMBLED 0
#endif
#endif
