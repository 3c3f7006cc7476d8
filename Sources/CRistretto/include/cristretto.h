// Variable-time ristretto255 arithmetic for signature verification (public data only).
//
// Nothing here is constant-time: use it for public inputs (public keys, signatures, challenge
// scalars), never for secret keys or nonces; signing stays on libsodium.
#ifndef CRISTRETTO_H
#define CRISTRETTO_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether `p` is the canonical encoding of a ristretto255 element (RFC 9496 §4.3.1); accepts
/// and rejects exactly what libsodium's `crypto_core_ristretto255_is_valid_point` does, except
/// that the identity (32 zero bytes) is accepted. Returns 1 or 0.
int cristretto_is_valid_point(const uint8_t p[32]);

/// out = encode(a·A + b·B) with B the ristretto255 basepoint. Scalars are 32-byte little-endian
/// integers below 2^256 (not reduced first). Returns 0, or -1 (and leaves `out` untouched) when
/// `A` is not a canonical encoding.
int cristretto_double_base_vartime(uint8_t out[32], const uint8_t a[32], const uint8_t A[32],
                                   const uint8_t b[32]);

/// The Schnorr check: 1 when encode(s·B − k·A) equals the 32 bytes `R`, otherwise 0 (also when
/// `A` does not decode).
int cristretto_verify_schnorr(const uint8_t s[32], const uint8_t k[32], const uint8_t A[32],
                              const uint8_t R[32]);

/// A public key prepared for repeated Schnorr checks: its decoding and the odd multiples of −A
/// the check reads, so that a key seen again (an axon's few validators) skips both (~6 µs of
/// ~46). Opaque; 8-byte aligned.
typedef struct cristretto_verify_key {
    uint64_t limbs[320];
} cristretto_verify_key;

/// Prepares `A` for `cristretto_verify_schnorr_prepared`. Returns 0, or -1 when `A` is not a
/// canonical encoding (then `key` must not be used).
int cristretto_prepare_verify_key(cristretto_verify_key *key, const uint8_t A[32]);

/// `cristretto_verify_schnorr` against a prepared key: 1 when encode(s·B − k·A) equals `R`.
int cristretto_verify_schnorr_prepared(const uint8_t s[32], const uint8_t k[32], const cristretto_verify_key *key,
                                       const uint8_t R[32]);

#ifdef __cplusplus
}
#endif
#endif
