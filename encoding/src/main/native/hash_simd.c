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

#define ATTR __attribute__((target("avx512f")))
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
