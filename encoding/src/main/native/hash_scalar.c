/*
 * Blake2b-256 of RFC 7693 in portable C, one message at a time, and the dispatcher over the instruction sets. The
 * counter's high word stays zero: a message here is shorter than 2^64 bytes.
 */
#include <string.h>
#include "floe_hash.h"

const uint64_t fh_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

/* Message word schedule; rounds 10 and 11 repeat rows 0 and 1 (RFC 7693 §2.7). */
const uint8_t fh_sigma[12][16] = {
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
    { 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
    { 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 },
    { 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 },
    { 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 },
    { 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 },
    { 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 },
    { 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 },
    { 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 },
    { 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 },
    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
    { 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
};

/* Parameter block word 0: digest length 32, key length 0, fanout 1, depth 1. */
#define FH_PARAM0 (0x01010000ULL | FH_DIGEST)

static inline uint64_t ror64(uint64_t x, int n) {
    return (x >> n) | (x << (64 - n));
}

#define G(a, b, c, d, x, y) do { \
        v[a] += v[b] + (x); v[d] = ror64(v[d] ^ v[a], 32); v[c] += v[d]; v[b] = ror64(v[b] ^ v[c], 24); \
        v[a] += v[b] + (y); v[d] = ror64(v[d] ^ v[a], 16); v[c] += v[d]; v[b] = ror64(v[b] ^ v[c], 63); \
    } while (0)

static void compress(uint64_t h[8], const uint8_t *block, uint64_t t, int last) {
    uint64_t m[16], v[16];
    memcpy(m, block, sizeof m);   /* little-endian words: the library is only built for x86-64 */
    for (int i = 0; i < 8; i++) {
        v[i] = h[i];
        v[i + 8] = fh_iv[i];
    }
    v[12] ^= t;
    if (last) {
        v[14] = ~v[14];
    }
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = fh_sigma[r];
        G(0, 4, 8, 12, m[s[0]], m[s[1]]);
        G(1, 5, 9, 13, m[s[2]], m[s[3]]);
        G(2, 6, 10, 14, m[s[4]], m[s[5]]);
        G(3, 7, 11, 15, m[s[6]], m[s[7]]);
        G(0, 5, 10, 15, m[s[8]], m[s[9]]);
        G(1, 6, 11, 12, m[s[10]], m[s[11]]);
        G(2, 7, 8, 13, m[s[12]], m[s[13]]);
        G(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (int i = 0; i < 8; i++) {
        h[i] ^= v[i] ^ v[i + 8];
    }
}

static void hash_scalar(uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out) {
    size_t blocks = fh_blocks(len);
    uint8_t buf[FH_BLOCK];
    for (size_t i = 0; i < count; i++) {
        uint64_t h[8];
        memcpy(h, fh_iv, sizeof h);
        h[0] ^= FH_PARAM0;
        for (size_t b = 0; b < blocks; b++) {
            compress(h, fh_block(prefix, in[i], len, b, blocks, buf), fh_counter(len, b, blocks), b + 1 == blocks);
        }
        memcpy(out + FH_DIGEST * i, h, FH_DIGEST);
    }
}

void fh_hash_avx2(uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out);
void fh_hash_avx512(uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out);

int fh_cpu_supports(int isa) {
    __builtin_cpu_init();
    switch (isa) {
        case FH_SCALAR: return 1;
        case FH_AVX2: return __builtin_cpu_supports("avx2");
        case FH_AVX512: return __builtin_cpu_supports("avx512f");
        default: return 0;
    }
}

void fh_hash(int isa, uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out) {
    switch (isa) {
        case FH_AVX512: fh_hash_avx512(prefix, len, in, count, out); break;
        case FH_AVX2: fh_hash_avx2(prefix, len, in, count, out); break;
        default: hash_scalar(prefix, len, in, count, out); break;
    }
}
