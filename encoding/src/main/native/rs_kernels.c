/*
 * Field tables, per-log multiplication tables and the region operations of every instruction set.
 *
 * A product by a constant c = exp(log) is GF(2)-linear in the 16 bits of a symbol, so it is fixed by the products
 * of c with the 16 bit vectors. The SIMD ISAs use that in two ways:
 *  - nibble tables (AVX2, AVX-512BW): the product is the XOR of four 16-entry lookups, one per nibble of the
 *    symbol, each giving a low and a high product byte: 8 byte shuffles per 32 lanes;
 *  - bit matrices (GFNI): four 8x8 GF(2) matrices (low->low, high->low, low->high, high->high) applied with
 *    gf2p8affineqb, which takes its matrix per 64-bit lane, so one zmm holding a whole block [low | high] and
 *    its half-swapped copy need two affine steps and one XOR per 32 lanes.
 */
#include <immintrin.h>
#include <stdlib.h>
#include <string.h>
#include "floe_rs.h"

uint16_t rs_exp[RS_ORDER];
uint16_t rs_log[RS_ORDER];
uint16_t rs_skew[RS_MODULUS];
uint8_t (*rs_nibble_tables)[128];
uint64_t (*rs_matrices)[4];

unsigned rs_mul(unsigned x, unsigned log) {
    if (x == 0) {
        return 0;
    }
    unsigned s = rs_log[x] + log;
    return rs_exp[(s + (s >> 16)) & 0xFFFF];
}

void rs_init_field(const uint16_t *exp, const uint16_t *log) {
    memcpy(rs_exp, exp, sizeof rs_exp);
    memcpy(rs_log, log, sizeof rs_log);
    for (unsigned j = 0; j < RS_MODULUS; j++) {
        unsigned kappa = j + 1;
        rs_skew[j] = rs_log[(kappa >> __builtin_ctz(kappa)) ^ 1];
    }
}

/* Products of exp(log) with the 16 unit vectors: column b of the multiplication's bit matrix. */
static void unit_products(unsigned log, uint16_t v[16]) {
    for (int b = 0; b < 16; b++) {
        v[b] = (uint16_t) rs_mul(1u << b, log);
    }
}

static int build_nibble_tables(void) {
    if (rs_nibble_tables) {
        return 0;
    }
    uint8_t (*t)[128] = aligned_alloc(64, (size_t) RS_ORDER * 128);
    if (!t) {
        return -1;
    }
    for (unsigned log = 0; log < RS_ORDER; log++) {
        uint16_t v[16];
        unit_products(log, v);
        for (int i = 0; i < 4; i++) {
            uint16_t p[16];
            p[0] = 0;
            for (int n = 1; n < 16; n++) {
                p[n] = p[n & (n - 1)] ^ v[4 * i + __builtin_ctz(n)];
            }
            for (int n = 0; n < 16; n++) {
                t[log][16 * i + n] = (uint8_t) p[n];
                t[log][64 + 16 * i + n] = (uint8_t) (p[n] >> 8);
            }
        }
    }
    rs_nibble_tables = t;
    return 0;
}

/*
 * Matrix for gf2p8affineqb: byte 7 - r of the qword selects the input bits that make output bit r. Byte b of x is
 * the output byte of input bit b; an 8x8 bit transpose (three delta swaps) turns it into byte r holding output bit r
 * of every input bit, and a byte swap puts row r at byte 7 - r.
 */
static uint64_t byte_matrix(const uint16_t v[16], int out_byte, int in_byte) {
    uint64_t x = 0;
    for (int b = 0; b < 8; b++) {
        x |= (uint64_t) ((v[8 * in_byte + b] >> (8 * out_byte)) & 0xFF) << (8 * b);
    }
    uint64_t t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAull;
    x ^= t ^ (t << 7);
    t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCull;
    x ^= t ^ (t << 14);
    t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0ull;
    x ^= t ^ (t << 28);
    return __builtin_bswap64(x);
}

static int build_matrices(void) {
    if (rs_matrices) {
        return 0;
    }
    uint64_t (*t)[4] = aligned_alloc(64, (size_t) RS_ORDER * 32);
    if (!t) {
        return -1;
    }
    for (unsigned log = 0; log < RS_ORDER; log++) {
        uint16_t v[16];
        unit_products(log, v);
        t[log][0] = byte_matrix(v, 0, 0);
        t[log][1] = byte_matrix(v, 0, 1);
        t[log][2] = byte_matrix(v, 1, 0);
        t[log][3] = byte_matrix(v, 1, 1);
    }
    rs_matrices = t;
    return 0;
}

int rs_cpu_supports(int isa) {
    __builtin_cpu_init();
    switch (isa) {
        case RS_SCALAR: return 1;
        case RS_AVX2: return __builtin_cpu_supports("avx2");
        case RS_AVX512: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
        case RS_GFNI512:
            return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
                && __builtin_cpu_supports("gfni");
        default: return 0;
    }
}

int rs_init_isa(int isa) {
    if (!rs_cpu_supports(isa)) {
        return -1;
    }
    switch (isa) {
        case RS_AVX2: case RS_AVX512: return build_nibble_tables();
        case RS_GFNI512: return build_matrices();
        default: return 0;
    }
}

const rs_engine *rs_engine_for(int isa) {
    switch (isa) {
        case RS_AVX2: return &rs_engine_avx2;
        case RS_AVX512: return &rs_engine_avx512;
        case RS_GFNI512: return &rs_engine_gfni512;
        default: return &rs_engine_scalar;
    }
}

/* ---- scalar: log/exp per lane (the JDK-17-free fallback, and a reference for the others) ---- */
typedef struct { uint16_t s[32]; } v_scalar;

static inline v_scalar load_scalar(const uint8_t *p) {
    v_scalar v;
    for (int u = 0; u < 32; u++) {
        v.s[u] = (uint16_t) (p[u] | p[32 + u] << 8);
    }
    return v;
}

static inline void store_scalar(uint8_t *p, v_scalar v) {
    for (int u = 0; u < 32; u++) {
        p[u] = (uint8_t) v.s[u];
        p[32 + u] = (uint8_t) (v.s[u] >> 8);
    }
}

static inline v_scalar xor_scalar(v_scalar a, v_scalar b) {
    for (int u = 0; u < 32; u++) {
        a.s[u] ^= b.s[u];
    }
    return a;
}

static inline v_scalar mul_scalar(v_scalar a, unsigned log) {
    for (int u = 0; u < 32; u++) {
        a.s[u] = (uint16_t) rs_mul(a.s[u], log);
    }
    return a;
}

#define NAME(x) x##_scalar
#define ATTR
#define V v_scalar
#define TAB unsigned
#define LOADV load_scalar
#define STOREV store_scalar
#define XORV xor_scalar
#define PREP(log) (log)
#define MULV mul_scalar
#define ENGINE rs_engine_scalar
#include "rs_isa.h"
#undef NAME
#undef ATTR
#undef V
#undef TAB
#undef LOADV
#undef STOREV
#undef XORV
#undef PREP
#undef MULV
#undef ENGINE


