/*
 * The region operations written once over an abstract 32-lane unit, included once per instruction set by
 * rs_kernels.c and rs_simd.c, which define before each inclusion:
 *   NAME(x)       the function name for this ISA            ATTR      its target attribute
 *   V             a 64-byte block (32 lanes) in registers    TAB       a prepared multiplier
 *   LOADV(p) STOREV(p, v) XORV(a, b) PREP(log) MULV(v, tab)
 * and optionally SPLIT_LAYERS: the two-layer steps then run as four single-butterfly passes per group of four
 * rows. Nibble-table ISAs want that: three prepared tables (24 ymm for AVX2) do not fit the 16 registers, and
 * spilling them inside one loop costs more than streaming the group's four rows twice from L1 (measured:
 * +7-17% at 0.5-4 KiB rows).
 *
 * The butterfly operations take `count` groups of rows, group g being the given rows plus g * gap bytes, all with
 * the same twiddles: the codec's FFT steps share their twiddles over `dist` consecutive groups, so the tables are
 * prepared once per step instead of once per group (at 1-4 KiB rows that setup was a tenth of the work).
 * An FFT may read its rows from elsewhere than it writes them (`in`, `out`: the low-rate encoder starts each
 * chunk's FFT from the shared IFFT result without copying it first); a two-layer IFFT step may read its rows from
 * elsewhere too (`in`, NULL for in place: the encoder's first layer reads the pinned originals, so they are never
 * copied into the work array) and XOR its results into other rows (`acc`, NULL to store them: the high-rate
 * encoder sums the chunks' IFFTs without a pass of its own).
 * With log23 == RS_SKIP a step leaves out its (s2, s3) butterfly: the FFT's when no later layer reads those
 * outputs, the IFFT's when both its inputs are zero rows (the fused loops, kept for GFNI, just run it with the zero
 * twiddle: harmless on rows nobody reads or on zeros).
 * Every butterfly keeps the twiddle and the order of RS16-SPEC.md §3.2, so all ISAs give the same bytes.
 */

#define INLINE static inline __attribute__((always_inline)) ATTR

static ATTR void NAME(r_mul_add)(uint8_t *dst, const uint8_t *src, size_t len, unsigned log) {
    TAB t = PREP(log);
    for (size_t i = 0; i < len; i += 64) {
        STOREV(dst + i, XORV(LOADV(dst + i), MULV(LOADV(src + i), t)));
    }
}

static ATTR void NAME(r_mul)(uint8_t *dst, const uint8_t *src, size_t len, unsigned log) {
    TAB t = PREP(log);
    for (size_t i = 0; i < len; i += 64) {
        STOREV(dst + i, MULV(LOADV(src + i), t));
    }
}

/* FFT butterfly from rows (ai, bi) into rows (ao, bo), which may be the same rows; z marks the zero twiddle. */
INLINE void NAME(fft_pass)(uint8_t *ao, uint8_t *bo, const uint8_t *ai, const uint8_t *bi, size_t len, TAB t, int z) {
    if (z) {
        for (size_t i = 0; i < len; i += 64) {
            V x = LOADV(ai + i);
            STOREV(bo + i, XORV(LOADV(bi + i), x));
            if (ao != ai) {
                STOREV(ao + i, x);
            }
        }
        return;
    }
    for (size_t i = 0; i < len; i += 64) {
        V x = LOADV(ai + i), y = LOADV(bi + i);
        x = XORV(x, MULV(y, t));
        STOREV(ao + i, x);
        STOREV(bo + i, XORV(y, x));
    }
}

/*
 * IFFT butterfly reading rows (ai, bi) and writing rows (a, b), which may be the same rows, or XORing into rows
 * (xa, xb) when acc is set.
 */
INLINE void NAME(ifft_pass)(uint8_t *a, uint8_t *b, const uint8_t *ai, const uint8_t *bi, uint8_t *xa, uint8_t *xb,
                            size_t len, TAB t, int z, int acc) {
    for (size_t i = 0; i < len; i += 64) {
        V x = LOADV(ai + i), y = XORV(LOADV(bi + i), x);
        if (!z) {
            x = XORV(x, MULV(y, t));
        }
        if (acc) {
            STOREV(xa + i, XORV(LOADV(xa + i), x));
            STOREV(xb + i, XORV(LOADV(xb + i), y));
        } else {
            STOREV(b + i, y);
            if (!z || a != ai) {
                STOREV(a + i, x);
            }
        }
    }
}

/* One FFT layer on `count` pairs sharing one twiddle. */
static ATTR void NAME(r_fft2)(uint8_t *const out[2], const uint8_t *const in[2], size_t gap, size_t count,
                            size_t len, unsigned log) {
    int z = log == RS_MODULUS;
    TAB t = PREP(log);
    for (size_t g = 0; g < count; g++) {
        NAME(fft_pass)(out[0] + g * gap, out[1] + g * gap, in[0] + g * gap, in[1] + g * gap, len, t, z);
    }
}

/* One IFFT layer on `count` pairs sharing one twiddle; acc (or NULL) receives the results. */
static ATTR void NAME(r_ifft2)(uint8_t *const s[2], uint8_t *const acc[2], size_t gap, size_t count, size_t len,
                             unsigned log) {
    int z = log == RS_MODULUS;
    TAB t = PREP(log);
    for (size_t g = 0; g < count; g++) {
        size_t o = g * gap;
        if (acc) {
            NAME(ifft_pass)(s[0] + o, s[1] + o, s[0] + o, s[1] + o, acc[0] + o, acc[1] + o, len, t, z, 1);
        } else {
            NAME(ifft_pass)(s[0] + o, s[1] + o, s[0] + o, s[1] + o, NULL, NULL, len, t, z, 0);
        }
    }
}

/* A two-layer step's prepared twiddles; skip is RS_SKIP's flag, log23 then taken as the zero twiddle. */
#define STEP_TABLES \
    int skip = log23 == RS_SKIP; \
    log23 = skip ? RS_MODULUS : log23; \
    int z01 = log01 == RS_MODULUS, z23 = log23 == RS_MODULUS, z02 = log02 == RS_MODULUS; \
    TAB t01 = PREP(log01), t23 = PREP(log23), t02 = PREP(log02)

#ifdef SPLIT_LAYERS
static ATTR void NAME(r_fft4)(uint8_t *const out[4], const uint8_t *const in[4], size_t gap, size_t count,
                            size_t len, unsigned log01, unsigned log23, unsigned log02) {
    STEP_TABLES;
    for (size_t g = 0; g < count; g++) {
        size_t o = g * gap;
        uint8_t *s0 = out[0] + o, *s1 = out[1] + o, *s2 = out[2] + o, *s3 = out[3] + o;
        NAME(fft_pass)(s0, s2, in[0] + o, in[2] + o, len, t02, z02);
        NAME(fft_pass)(s1, s3, in[1] + o, in[3] + o, len, t02, z02);
        NAME(fft_pass)(s0, s1, s0, s1, len, t01, z01);
        if (!skip) {
            NAME(fft_pass)(s2, s3, s2, s3, len, t23, z23);
        }
    }
}

static ATTR void NAME(r_ifft4)(uint8_t *const s[4], const uint8_t *const in[4], uint8_t *const acc[4], size_t gap,
                             size_t count, size_t len, unsigned log01, unsigned log23, unsigned log02) {
    STEP_TABLES;
    const uint8_t *const *src = in ? in : (const uint8_t *const *) s;
    for (size_t g = 0; g < count; g++) {
        size_t o = g * gap;
        uint8_t *s0 = s[0] + o, *s1 = s[1] + o, *s2 = s[2] + o, *s3 = s[3] + o;
        NAME(ifft_pass)(s0, s1, src[0] + o, src[1] + o, NULL, NULL, len, t01, z01, 0);
        if (!skip) {
            NAME(ifft_pass)(s2, s3, src[2] + o, src[3] + o, NULL, NULL, len, t23, z23, 0);
        }
        if (acc) {
            NAME(ifft_pass)(s0, s2, s0, s2, acc[0] + o, acc[2] + o, len, t02, z02, 1);
            NAME(ifft_pass)(s1, s3, s1, s3, acc[1] + o, acc[3] + o, len, t02, z02, 1);
        } else {
            NAME(ifft_pass)(s0, s2, s0, s2, NULL, NULL, len, t02, z02, 0);
            NAME(ifft_pass)(s1, s3, s1, s3, NULL, NULL, len, t02, z02, 0);
        }
    }
}
#else
/* FFT and IFFT butterflies on registers; z marks the zero twiddle. */
#define FFT_BF(x, y, t, z) do { if (!(z)) { x = XORV(x, MULV(y, t)); } y = XORV(y, x); } while (0)
#define IFFT_BF(x, y, t, z) do { y = XORV(y, x); if (!(z)) { x = XORV(x, MULV(y, t)); } } while (0)

static ATTR void NAME(r_fft4)(uint8_t *const out[4], const uint8_t *const in[4], size_t gap, size_t count,
                            size_t len, unsigned log01, unsigned log23, unsigned log02) {
    STEP_TABLES;
    for (size_t g = 0; g < count; g++) {
        size_t o = g * gap;
        for (size_t i = o; i < o + len; i += 64) {
            V a0 = LOADV(in[0] + i), a1 = LOADV(in[1] + i), a2 = LOADV(in[2] + i), a3 = LOADV(in[3] + i);
            FFT_BF(a0, a2, t02, z02);
            FFT_BF(a1, a3, t02, z02);
            FFT_BF(a0, a1, t01, z01);
            FFT_BF(a2, a3, t23, z23);
            STOREV(out[0] + i, a0);
            STOREV(out[1] + i, a1);
            STOREV(out[2] + i, a2);
            STOREV(out[3] + i, a3);
        }
    }
}

static ATTR void NAME(r_ifft4)(uint8_t *const s[4], const uint8_t *const in[4], uint8_t *const acc[4], size_t gap,
                             size_t count, size_t len, unsigned log01, unsigned log23, unsigned log02) {
    STEP_TABLES;
    uint8_t *const *dst = acc ? acc : s;
    const uint8_t *const *src = in ? in : (const uint8_t *const *) s;
    for (size_t g = 0; g < count; g++) {
        size_t o = g * gap;
        for (size_t i = o; i < o + len; i += 64) {
            V a0 = LOADV(src[0] + i), a1 = LOADV(src[1] + i), a2 = LOADV(src[2] + i), a3 = LOADV(src[3] + i);
            IFFT_BF(a0, a1, t01, z01);
            IFFT_BF(a2, a3, t23, z23);
            IFFT_BF(a0, a2, t02, z02);
            IFFT_BF(a1, a3, t02, z02);
            if (acc) {
                a0 = XORV(a0, LOADV(acc[0] + i));
                a1 = XORV(a1, LOADV(acc[1] + i));
                a2 = XORV(a2, LOADV(acc[2] + i));
                a3 = XORV(a3, LOADV(acc[3] + i));
            }
            STOREV(dst[0] + i, a0);
            STOREV(dst[1] + i, a1);
            STOREV(dst[2] + i, a2);
            STOREV(dst[3] + i, a3);
        }
    }
}

#undef FFT_BF
#undef IFFT_BF
#endif

#undef INLINE
#undef STEP_TABLES

const rs_engine ENGINE = {
    NAME(r_mul_add), NAME(r_mul), NAME(r_fft2), NAME(r_ifft2), NAME(r_fft4), NAME(r_ifft4),
};
