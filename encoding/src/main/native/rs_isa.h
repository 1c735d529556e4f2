/*
 * The region operations written once over an abstract 32-lane unit, included once per instruction set by
 * rs_kernels.c, which defines before each inclusion:
 *   NAME(x)       the function name for this ISA            ATTR      its target attribute
 *   V             a 64-byte block (32 lanes) in registers    TAB       a prepared multiplier
 *   LOADV(p) STOREV(p, v) XORV(a, b) PREP(log) MULV(v, tab)
 * and optionally SPLIT_LAYERS: the two-layer steps then run as four single-butterfly passes. Nibble-table ISAs
 * want that: three prepared tables (24 ymm for AVX2) do not fit the 16 registers, and spilling them costs more
 * in the inner loop than streaming the four rows twice from L1/L2 (measured: +7-17% at 0.5-4 KiB rows).
 * Every butterfly keeps the twiddle and the order of RS16-SPEC.md §3.2, so all ISAs give the same bytes.
 */

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

static ATTR void NAME(r_fft2)(uint8_t *a, uint8_t *b, size_t len, unsigned log) {
    int zero = log == RS_MODULUS;
    TAB t = PREP(log);
    for (size_t i = 0; i < len; i += 64) {
        V x = LOADV(a + i), y = LOADV(b + i);
        if (!zero) {
            x = XORV(x, MULV(y, t));
            STOREV(a + i, x);
        }
        STOREV(b + i, XORV(y, x));
    }
}

static ATTR void NAME(r_ifft2)(uint8_t *a, uint8_t *b, size_t len, unsigned log) {
    int zero = log == RS_MODULUS;
    TAB t = PREP(log);
    for (size_t i = 0; i < len; i += 64) {
        V x = LOADV(a + i), y = XORV(LOADV(b + i), LOADV(a + i));
        STOREV(b + i, y);
        if (!zero) {
            STOREV(a + i, XORV(x, MULV(y, t)));
        }
    }
}

/* FFT butterfly on registers; z marks the zero twiddle. */
#define FFT_BF(x, y, t, z) do { if (!(z)) { x = XORV(x, MULV(y, t)); } y = XORV(y, x); } while (0)
#define IFFT_BF(x, y, t, z) do { y = XORV(y, x); if (!(z)) { x = XORV(x, MULV(y, t)); } } while (0)

#ifdef SPLIT_LAYERS
static ATTR void NAME(r_fft4)(uint8_t *s0, uint8_t *s1, uint8_t *s2, uint8_t *s3, size_t len,
                            unsigned log01, unsigned log23, unsigned log02) {
    NAME(r_fft2)(s0, s2, len, log02);
    NAME(r_fft2)(s1, s3, len, log02);
    NAME(r_fft2)(s0, s1, len, log01);
    NAME(r_fft2)(s2, s3, len, log23);
}

static ATTR void NAME(r_ifft4)(uint8_t *s0, uint8_t *s1, uint8_t *s2, uint8_t *s3, size_t len,
                             unsigned log01, unsigned log23, unsigned log02) {
    NAME(r_ifft2)(s0, s1, len, log01);
    NAME(r_ifft2)(s2, s3, len, log23);
    NAME(r_ifft2)(s0, s2, len, log02);
    NAME(r_ifft2)(s1, s3, len, log02);
}
#else
static ATTR void NAME(r_fft4)(uint8_t *s0, uint8_t *s1, uint8_t *s2, uint8_t *s3, size_t len,
                            unsigned log01, unsigned log23, unsigned log02) {
    int z01 = log01 == RS_MODULUS, z23 = log23 == RS_MODULUS, z02 = log02 == RS_MODULUS;
    TAB t01 = PREP(log01), t23 = PREP(log23), t02 = PREP(log02);
    for (size_t i = 0; i < len; i += 64) {
        V a0 = LOADV(s0 + i), a1 = LOADV(s1 + i), a2 = LOADV(s2 + i), a3 = LOADV(s3 + i);
        FFT_BF(a0, a2, t02, z02);
        FFT_BF(a1, a3, t02, z02);
        FFT_BF(a0, a1, t01, z01);
        FFT_BF(a2, a3, t23, z23);
        STOREV(s0 + i, a0);
        STOREV(s1 + i, a1);
        STOREV(s2 + i, a2);
        STOREV(s3 + i, a3);
    }
}

static ATTR void NAME(r_ifft4)(uint8_t *s0, uint8_t *s1, uint8_t *s2, uint8_t *s3, size_t len,
                             unsigned log01, unsigned log23, unsigned log02) {
    int z01 = log01 == RS_MODULUS, z23 = log23 == RS_MODULUS, z02 = log02 == RS_MODULUS;
    TAB t01 = PREP(log01), t23 = PREP(log23), t02 = PREP(log02);
    for (size_t i = 0; i < len; i += 64) {
        V a0 = LOADV(s0 + i), a1 = LOADV(s1 + i), a2 = LOADV(s2 + i), a3 = LOADV(s3 + i);
        IFFT_BF(a0, a1, t01, z01);
        IFFT_BF(a2, a3, t23, z23);
        IFFT_BF(a0, a2, t02, z02);
        IFFT_BF(a1, a3, t02, z02);
        STOREV(s0 + i, a0);
        STOREV(s1 + i, a1);
        STOREV(s2 + i, a2);
        STOREV(s3 + i, a3);
    }
}

#endif

#undef FFT_BF
#undef IFFT_BF

const rs_engine ENGINE = {
    NAME(r_mul_add), NAME(r_mul), NAME(r_fft2), NAME(r_ifft2), NAME(r_fft4), NAME(r_ifft4),
};
