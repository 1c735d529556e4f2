/*
 * Floe's native GF(2^16) Reed-Solomon engine (RS16-SPEC.md): shared declarations.
 *
 * Shards are in the crate's byte layout: every 64-byte block holds the low bytes of 32 lanes, then their high
 * bytes. All region lengths are multiples of 64. A "log" is a logarithm in [0, 65535]; in products 65535 means
 * "times one", in butterflies (SKEW twiddles) it means the zero twiddle, which turns the butterfly into b ^= a.
 */
#ifndef FLOE_RS_H
#define FLOE_RS_H

#include <stddef.h>
#include <stdint.h>

#define RS_MODULUS 65535u
#define RS_ORDER 65536u
/* log23 of a two-layer step whose (s2, s3) butterfly is left out (see rs_isa.h); never a real log. */
#define RS_SKIP 0x10000u

/* Instruction sets, also the values Java passes (NativeRs.ISA_NAMES keeps the same order). */
enum { RS_SCALAR = 0, RS_AVX2 = 1, RS_AVX512 = 2, RS_GFNI512 = 3, RS_ISA_COUNT = 4 };

/*
 * One instruction set's region operations; every function works on whole 64-byte blocks. The butterflies run on
 * `count` groups of rows (group g: each given row plus g * gap bytes) that share their twiddles (SKEW logs, 65535 =
 * zero twiddle). FFTs read `in` and write `out` (the same rows or others); IFFTs work in place (ifft4: or read `in`
 * when it is not NULL) and, when `acc` is not NULL, XOR their results into the rows of `acc` instead of storing them.
 */
typedef struct {
    void (*mul_add)(uint8_t *dst, const uint8_t *src, size_t len, unsigned log);
    void (*mul)(uint8_t *dst, const uint8_t *src, size_t len, unsigned log);
    void (*fft2)(uint8_t *const out[2], const uint8_t *const in[2], size_t gap, size_t count, size_t len,
                 unsigned log);
    void (*ifft2)(uint8_t *const s[2], uint8_t *const acc[2], size_t gap, size_t count, size_t len, unsigned log);
    /* Two fused layers on four rows (GfKernel.fftTwoLayers / ifftTwoLayers). */
    void (*fft4)(uint8_t *const out[4], const uint8_t *const in[4], size_t gap, size_t count, size_t len,
                 unsigned log01, unsigned log23, unsigned log02);
    void (*ifft4)(uint8_t *const s[4], const uint8_t *const in[4], uint8_t *const acc[4], size_t gap, size_t count,
                  size_t len, unsigned log01, unsigned log23, unsigned log02);
} rs_engine;

/* Field tables, filled once by rs_init_field from Java's Gf16 tables (so both sides use the very same ones). */
extern uint16_t rs_exp[RS_ORDER];
extern uint16_t rs_log[RS_ORDER];
extern uint16_t rs_skew[RS_MODULUS];

/* Per-log multiplication tables: nibble tables (8 x 16 bytes) and GF(2) bit matrices (4 x 8 bytes). */
extern uint8_t (*rs_nibble_tables)[128];
extern uint64_t (*rs_matrices)[4];

void rs_init_field(const uint16_t *exp, const uint16_t *log);
int rs_init_isa(int isa);          /* builds the tables the ISA needs; 0 on success */
int rs_cpu_supports(int isa);
const rs_engine *rs_engine_for(int isa);
unsigned rs_mul(unsigned x, unsigned log);

extern const rs_engine rs_engine_scalar, rs_engine_avx2, rs_engine_avx512, rs_engine_gfni512;

/* Whole-chunk work on a flat work array: row r starts at w + r * stride and is len bytes long. */
/*
 * Encode reads original i from src[i] (len bytes) when src is not NULL, else from row i, and leaves recovery j in
 * row j, or in dest[j] (len bytes) when dest is not NULL.
 */
void rs_encode_chunk(const rs_engine *e, uint8_t *w, size_t stride, size_t len, int k, int m, int c, int high_rate,
                     const uint8_t *const *src, uint8_t *const *dest);
/*
 * Encode of blocks [first, end) of shards that are runs of symbols of s bytes, in symbol layout (src: the k
 * originals, dest: the m recovery runs), chunk by chunk through the work rows (stride bytes, a multiple of 64).
 * A symbol takes s / 64 blocks, plus one for its tail when s is not a multiple of 64 (rs_symbols.c).
 */
void rs_encode_symbols(const rs_engine *e, uint8_t *w, size_t stride, int k, int m, int c, int high_rate,
                       uint8_t *const *src, uint8_t *const *dest, size_t s, size_t first, size_t end);
void rs_decode_chunk(const rs_engine *e, uint8_t *w, size_t stride, size_t len, int n, int end,
                     const int32_t *in_logs, const int32_t *out_points, const int32_t *out_logs, int out_count);

#endif
