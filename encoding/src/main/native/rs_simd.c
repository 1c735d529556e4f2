/*
 * The SIMD instantiations of rs_isa.h. Each function carries its own target attribute, so the library builds with
 * any gcc for baseline x86-64 and the dispatcher (rs_cpu_supports) decides at run time what may be called.
 */
#include <immintrin.h>
#include "floe_rs.h"

/* ---- AVX2: a block is two ymm (32 low bytes, 32 high bytes); 8 vpshufb per 32 lanes ---- */
#define AVX2 __attribute__((target("avx2")))
typedef struct { __m256i lo, hi; } v_avx2;
typedef struct { __m256i t[8]; } tab_avx2;

static inline AVX2 v_avx2 load_avx2(const uint8_t *p) {
    v_avx2 v = { _mm256_loadu_si256((const __m256i *) p), _mm256_loadu_si256((const __m256i *) (p + 32)) };
    return v;
}

static inline AVX2 void store_avx2(uint8_t *p, v_avx2 v) {
    _mm256_storeu_si256((__m256i *) p, v.lo);
    _mm256_storeu_si256((__m256i *) (p + 32), v.hi);
}

static inline AVX2 v_avx2 xor_avx2(v_avx2 a, v_avx2 b) {
    v_avx2 v = { _mm256_xor_si256(a.lo, b.lo), _mm256_xor_si256(a.hi, b.hi) };
    return v;
}

/* Tables 0-3 give the product's low byte from nibbles 0-3 of the symbol, tables 4-7 its high byte. */
static inline AVX2 tab_avx2 prep_avx2(unsigned log) {
    tab_avx2 t;
    const uint8_t *p = rs_nibble_tables[log];
    for (int j = 0; j < 8; j++) {
        t.t[j] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) (p + 16 * j)));
    }
    return t;
}

static inline AVX2 v_avx2 mul_avx2(v_avx2 x, tab_avx2 t) {
    const __m256i mask = _mm256_set1_epi8(0x0F);
    __m256i n0 = _mm256_and_si256(x.lo, mask);
    __m256i n1 = _mm256_and_si256(_mm256_srli_epi16(x.lo, 4), mask);
    __m256i n2 = _mm256_and_si256(x.hi, mask);
    __m256i n3 = _mm256_and_si256(_mm256_srli_epi16(x.hi, 4), mask);
    v_avx2 r;
    r.lo = _mm256_xor_si256(
        _mm256_xor_si256(_mm256_shuffle_epi8(t.t[0], n0), _mm256_shuffle_epi8(t.t[1], n1)),
        _mm256_xor_si256(_mm256_shuffle_epi8(t.t[2], n2), _mm256_shuffle_epi8(t.t[3], n3)));
    r.hi = _mm256_xor_si256(
        _mm256_xor_si256(_mm256_shuffle_epi8(t.t[4], n0), _mm256_shuffle_epi8(t.t[5], n1)),
        _mm256_xor_si256(_mm256_shuffle_epi8(t.t[6], n2), _mm256_shuffle_epi8(t.t[7], n3)));
    return r;
}

#define SPLIT_LAYERS
#define NAME(x) x##_avx2
#define ATTR AVX2
#define V v_avx2
#define TAB tab_avx2
#define LOADV load_avx2
#define STOREV store_avx2
#define XORV xor_avx2
#define PREP prep_avx2
#define MULV mul_avx2
#define ENGINE rs_engine_avx2
#include "rs_isa.h"
#undef NAME
#undef ATTR
#undef TAB
#undef PREP
#undef MULV
#undef ENGINE
#undef V
#undef LOADV
#undef STOREV
#undef XORV

/* ---- AVX-512 (still SPLIT_LAYERS; GFNI below, two zmm per table, keeps the fused loop) ----
 * A block is one zmm [low 32 | high 32]; its half-swapped copy [high | low] feeds the cross terms ---- */
#define AVX512 __attribute__((target("avx512f,avx512bw")))
#define GFNI512 __attribute__((target("avx512f,avx512bw,gfni")))

static inline AVX512 __m512i load_512(const uint8_t *p) {
    return _mm512_loadu_si512((const void *) p);
}

static inline AVX512 void store_512(uint8_t *p, __m512i v) {
    _mm512_storeu_si512((void *) p, v);
}

static inline AVX512 __m512i xor_512(__m512i a, __m512i b) {
    return _mm512_xor_si512(a, b);
}

static inline AVX512 __m512i swap_halves(__m512i x) {
    return _mm512_shuffle_i64x2(x, x, 0x4E);
}

/* Four 128-bit tables per zmm: the same table twice for the low half's lanes, another twice for the high half's. */
typedef struct { __m512i a, b, c, d; } tab_512;

static inline AVX512 __m512i two_tables(const uint8_t *low_half, const uint8_t *high_half) {
    __m256i l = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) low_half));
    __m256i h = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) high_half));
    return _mm512_inserti64x4(_mm512_castsi256_si512(l), h, 1);
}

/* Straight nibbles: n0 of the low byte -> low (T0l), n0 of the high byte -> high (T2h); swapped: T2l and T0h. */
static inline AVX512 tab_512 prep_512(unsigned log) {
    const uint8_t *p = rs_nibble_tables[log];
    tab_512 t = {
        two_tables(p + 0, p + 64 + 32), two_tables(p + 16, p + 64 + 48),
        two_tables(p + 32, p + 64 + 0), two_tables(p + 48, p + 64 + 16),
    };
    return t;
}

static inline AVX512 __m512i mul_512(__m512i x, tab_512 t) {
    const __m512i mask = _mm512_set1_epi8(0x0F);
    __m512i s = swap_halves(x);
    __m512i r = _mm512_xor_si512(_mm512_shuffle_epi8(t.a, _mm512_and_si512(x, mask)),
                                 _mm512_shuffle_epi8(t.b, _mm512_and_si512(_mm512_srli_epi16(x, 4), mask)));
    r = _mm512_ternarylogic_epi32(r, _mm512_shuffle_epi8(t.c, _mm512_and_si512(s, mask)),
                                  _mm512_shuffle_epi8(t.d, _mm512_and_si512(_mm512_srli_epi16(s, 4), mask)), 0x96);
    return r;
}

#define NAME(x) x##_avx512
#define ATTR AVX512
#define V __m512i
#define TAB tab_512
#define LOADV load_512
#define STOREV store_512
#define XORV xor_512
#define PREP prep_512
#define MULV mul_512
#define ENGINE rs_engine_avx512
#include "rs_isa.h"
#undef NAME
#undef ATTR
#undef TAB
#undef PREP
#undef MULV
#undef ENGINE
#undef SPLIT_LAYERS

/* GFNI: m1 = [low->low x4 | high->high x4] for the block itself, m2 = [high->low x4 | low->high x4] for its swap. */
typedef struct { __m512i m1, m2; } tab_gfni;

static inline GFNI512 tab_gfni prep_gfni(unsigned log) {
    const uint64_t *q = rs_matrices[log];
    tab_gfni t = {
        _mm512_inserti64x4(_mm512_set1_epi64((long long) q[0]), _mm256_set1_epi64x((long long) q[3]), 1),
        _mm512_inserti64x4(_mm512_set1_epi64((long long) q[1]), _mm256_set1_epi64x((long long) q[2]), 1),
    };
    return t;
}

static inline GFNI512 __m512i mul_gfni(__m512i x, tab_gfni t) {
    return _mm512_xor_si512(_mm512_gf2p8affine_epi64_epi8(x, t.m1, 0),
                            _mm512_gf2p8affine_epi64_epi8(swap_halves(x), t.m2, 0));
}

#define NAME(x) x##_gfni512
#define ATTR GFNI512
#define TAB tab_gfni
#define PREP prep_gfni
#define MULV mul_gfni
#define ENGINE rs_engine_gfni512
#include "rs_isa.h"
