// Which copy of CRistretto a build uses; preprocessor only, so that the C sources and the
// generated assembly (*_x86_64.S) can both include it.
//
// SwiftPM compiles C at -O0 in debug builds, where this field arithmetic runs several times
// slower than libsodium. On x86_64 ELF such a build assembles the -O3 output committed by
// scripts/generate-ristretto-asm instead; every optimised build (and every other platform)
// compiles the C.
#ifndef CRISTRETTO_SELECT_H
#define CRISTRETTO_SELECT_H
#if defined(__x86_64__) && defined(__ELF__) && !defined(__OPTIMIZE__) && !defined(CRISTRETTO_NO_PREASSEMBLED)
#define CRISTRETTO_PREASSEMBLED 1
#else
#define CRISTRETTO_PREASSEMBLED 0
#endif
#endif
