/*
 * The SIMD instantiations of hash_lanes.h: four lanes in AVX2's 256-bit vectors, eight in AVX-512's 512-bit ones.
 * Each function carries its own target attribute (the library builds for baseline x86-64); fh_cpu_supports decides
 * at run time what may be called.
 */
#include <immintrin.h>
#include "floe_hash.h"

#define ATTR __attribute__((target("avx2")))
#define NAME(x) x##_avx2
#define LANES 4
#define V __m256i
#define SET1(x) _mm256_set1_epi64x((long long) (x))
#define ADD(a, b) _mm256_add_epi64(a, b)
#define XOR(a, b) _mm256_xor_si256(a, b)
#define LOADV(p) _mm256_load_si256((const __m256i *) (p))
#define STOREV(p, v) _mm256_store_si256((__m256i *) (p), v)
/* Rotations by whole bytes are byte shuffles within each 64-bit word; by 63 it is a shift and a doubling. */
#define ROR32(x) _mm256_shuffle_epi32(x, _MM_SHUFFLE(2, 3, 0, 1))
#define ROR24(x) _mm256_shuffle_epi8(x, _mm256_setr_epi8(3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, \
                                                         3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10))
#define ROR16(x) _mm256_shuffle_epi8(x, _mm256_setr_epi8(2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, \
                                                         2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9))
#define ROR63(x) _mm256_or_si256(_mm256_srli_epi64(x, 63), _mm256_add_epi64(x, x))
#define GATHER(base, idx) _mm256_i64gather_epi64((const long long *) (base), idx, 1)
#define SHL(x, n) _mm256_sll_epi64(x, _mm_cvtsi32_si128((int) (n)))
#define SHR(x, n) _mm256_srl_epi64(x, _mm_cvtsi32_si128((int) (n)))
#include "hash_lanes.h"
#undef ATTR
#undef NAME
#undef LANES
#undef V
#undef SET1
#undef ADD
#undef XOR
#undef LOADV
#undef STOREV
#undef ROR32
#undef ROR24
#undef ROR16
#undef ROR63
#undef GATHER
#undef SHL
#undef SHR

#define ATTR __attribute__((target("avx512f,avx512bw")))

/*
 * The 8 x 8 transpose of 64-bit words: r[l] holds 8 words of lane l on entry; m[w] holds word w of every lane on
 * exit (lane l in element l). Three stages of 8 shuffles: pairs of lanes, pairs of pairs, halves.
 */
static inline __attribute__((always_inline)) ATTR void transpose8(const __m512i r[8], __m512i m[8]) {
    __m512i a[8], c[8];
    for (int i = 0; i < 8; i += 2) {
        a[i] = _mm512_unpacklo_epi64(r[i], r[i + 1]);       /* words 0 2 4 6 of lanes i, i+1 */
        a[i + 1] = _mm512_unpackhi_epi64(r[i], r[i + 1]);   /* words 1 3 5 7 */
    }
    const __m512i lo = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i hi = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    for (int i = 0; i < 8; i += 4) {
        for (int odd = 0; odd < 2; odd++) {
            c[i + odd] = _mm512_permutex2var_epi64(a[i + odd], lo, a[i + 2 + odd]);      /* words 0,4 (1,5) */
            c[i + 2 + odd] = _mm512_permutex2var_epi64(a[i + odd], hi, a[i + 2 + odd]);  /* words 2,6 (3,7) */
        }
    }
    for (int w = 0; w < 4; w++) {
        m[w] = _mm512_shuffle_i64x2(c[w], c[4 + w], 0x44);       /* words 0 1 2 3 of lanes 0-3, then 4-7 */
        m[w + 4] = _mm512_shuffle_i64x2(c[w], c[4 + w], 0xEE);   /* words 4 5 6 7 */
    }
}

/*
 * The 16 message words of block b of every lane: each half block of each lane's stream (the prefix byte, then the
 * data) read with one masked 64-byte load, and the eight lanes' halves transposed, where each word took a gather
 * before: eight loads and 24 shuffles for eight gathers, 4% less time per 302-byte leaf and 6% per 64-byte Merkle
 * node, hashed in cache (fh_hash alone, Xeon with AVX-512). The mask keeps every read inside its message (a
 * masked-off byte is never read, so never faults): off the prefix position at the start, off all after the
 * message's end, which so reads as zero, as Blake2b pads.
 */
static inline __attribute__((always_inline)) ATTR void load_block_avx512(__m512i m[16], const uint8_t *const data[8],
        size_t len, uint8_t prefix, size_t b) {
    const size_t total = len + 1;
    for (int half = 0; half < 2; half++) {
        const size_t p = FH_BLOCK * b + 64 * (size_t) half;
        if (p >= total) {
            for (int w = 0; w < 8; w++) {
                m[8 * half + w] = _mm512_setzero_si512();
            }
            continue;
        }
        __mmask64 mask = total - p >= 64 ? ~0ULL : (1ULL << (total - p)) - 1;
        if (p == 0) {
            mask &= ~1ULL;
        }
        __m512i r[8];
        for (int l = 0; l < 8; l++) {
            r[l] = _mm512_maskz_loadu_epi8(mask, (const void *) ((uintptr_t) data[l] + p - 1));
        }
        if (p == 0) {
            const __m512i pre = _mm512_zextsi128_si512(_mm_cvtsi32_si128(prefix));
            for (int l = 0; l < 8; l++) {
                r[l] = _mm512_or_si512(r[l], pre);
            }
        }
        transpose8(r, m + 8 * half);
    }
}

#define LOAD_BLOCK(m, data, len, prefix, b) load_block_avx512(m, data, len, prefix, b)
#define NAME(x) x##_avx512
#define LANES 8
#define V __m512i
#define SET1(x) _mm512_set1_epi64((long long) (x))
#define ADD(a, b) _mm512_add_epi64(a, b)
#define XOR(a, b) _mm512_xor_si512(a, b)
#define LOADV(p) _mm512_load_si512((const void *) (p))
#define STOREV(p, v) _mm512_store_si512((void *) (p), v)
#define ROR32(x) _mm512_ror_epi64(x, 32)
#define ROR24(x) _mm512_ror_epi64(x, 24)
#define ROR16(x) _mm512_ror_epi64(x, 16)
#define ROR63(x) _mm512_ror_epi64(x, 63)
#define GATHER(base, idx) _mm512_i64gather_epi64(idx, (const void *) (base), 1)
#define SHL(x, n) _mm512_sll_epi64(x, _mm_cvtsi32_si128((int) (n)))
#define SHR(x, n) _mm512_srl_epi64(x, _mm_cvtsi32_si128((int) (n)))
#include "hash_lanes.h"
