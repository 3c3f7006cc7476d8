/// Placeholder: the SIMD BLAKE2b kernel for proof of work lives here (filled in by the PoW work).
public enum PowKernel {}
