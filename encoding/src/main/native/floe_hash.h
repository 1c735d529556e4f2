/*
 * Floe's native Blake2b-256 (RFC 7693, unkeyed, 32-byte digest) for Merkle leaves and inner nodes: many messages of
 * one length, each H(prefix || data), hashed per call. Written from the RFC; the same bytes as the Java Blake2b256.
 */
#ifndef FLOE_HASH_H
#define FLOE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Instruction sets of the hasher, also the values Java passes (NativeLaneHasher.ISA_NAMES keeps the order). */
enum { FH_SCALAR = 0, FH_AVX2 = 1, FH_AVX512 = 2, FH_ISA_COUNT = 3 };

#define FH_BLOCK 128
#define FH_DIGEST 32

int fh_cpu_supports(int isa);

/*
 * Digest i = Blake2b-256(prefix || in[i][0, len)) into out + 32 * i, for i < count. The inputs are read through
 * in[] only; out must not overlap them (the JNI layer hashes into its own buffer, then copies).
 */
void fh_hash(int isa, uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out);

/* Blocks of a message of len data bytes after the prefix byte (at least one, even for len == 0). */
static inline size_t fh_blocks(size_t len) {
    return (len + 1 + FH_BLOCK - 1) / FH_BLOCK;
}

/* The byte counter t after block b: full blocks so far, or the whole message length on the last one. */
static inline uint64_t fh_counter(size_t len, size_t b, size_t blocks) {
    return b + 1 == blocks ? (uint64_t) len + 1 : (uint64_t) FH_BLOCK * (b + 1);
}

extern const uint64_t fh_iv[8];
extern const uint8_t fh_sigma[12][16];

#endif
