/*
 * Blake2b-256 of RFC 7693: its constants, the portable C instantiation (one message at a time) and the dispatcher
 * over the instruction sets. The counter's high word stays zero: a message here is shorter than 2^64 bytes.
 */
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

/* The portable instantiation of hash_lanes.h: one message per "vector" of one 64-bit word. */
static inline uint64_t load64(const uint8_t *p) {
    uint64_t x;
    memcpy(&x, p, 8);   /* little-endian words: the library is only built for x86-64 */
    return x;
}

#define ATTR
#define NAME(x) x##_scalar
#define LANES 1
#define V uint64_t
#define SET1(x) ((uint64_t) (x))
#define ADD(a, b) ((a) + (b))
#define XOR(a, b) ((a) ^ (b))
#define LOADV(p) (*(const uint64_t *) (p))
#define STOREV(p, v) (*(uint64_t *) (p) = (v))
#define ROR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))
#define ROR32(x) ROR(x, 32)
#define ROR24(x) ROR(x, 24)
#define ROR16(x) ROR(x, 16)
#define ROR63(x) ROR(x, 63)
#define GATHER(base, idx) load64((base) + (idx))
#define SHL(x, n) ((x) << (n))
#define SHR(x, n) ((x) >> (n))
#include "hash_lanes.h"

void fh_hash_scalar(uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out);
void fh_hash_avx2(uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out);
void fh_hash_avx512(uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out);

int fh_cpu_supports(int isa) {
    __builtin_cpu_init();
    switch (isa) {
        case FH_SCALAR: return 1;
        case FH_AVX2: return __builtin_cpu_supports("avx2");
        case FH_AVX512: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
        default: return 0;
    }
}

void fh_hash(int isa, uint8_t prefix, size_t len, const uint8_t *const *in, size_t count, uint8_t *out) {
    switch (isa) {
        case FH_AVX512: fh_hash_avx512(prefix, len, in, count, out); break;
        case FH_AVX2: fh_hash_avx2(prefix, len, in, count, out); break;
        default: fh_hash_scalar(prefix, len, in, count, out); break;
    }
}
