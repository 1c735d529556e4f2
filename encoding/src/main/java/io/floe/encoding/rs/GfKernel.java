package io.floe.encoding.rs;

/**
 * The GF(2^16) region operations every codec loop is made of, on shards in the crate's byte layout.
 *
 * <p>A region is {@code len} bytes at offset {@code off}; {@code off} and {@code len} are multiples of 64, and
 * every 64-byte block holds the low bytes of 32 lanes followed by their high bytes (RS16-SPEC.md §7). Lanes never
 * interact, so any implementation that treats each lane alike gives the same bytes; the scalar and vector kernels
 * are tested against each other. A logarithm argument {@code log} is in [0, 65535], 65535 meaning "times one".
 */
public interface GfKernel {
    /** Short name for logs and benchmarks, the {@code floe.gf.kernel} value that selects it ("scalar", "vector128"). */
    String name();

    /** {@code dst ^= src * exp(log)}. */
    void mulAdd(byte[] dst, byte[] src, int off, int len, int log);

    /** {@code dst = src * exp(log)}. */
    void mul(byte[] dst, byte[] src, int off, int len, int log);

    /** FFT butterfly: {@code a ^= b * exp(log); b ^= a}. */
    void fftButterfly(byte[] a, byte[] b, int off, int len, int log);

    /** IFFT butterfly: {@code b ^= a; a ^= b * exp(log)}. */
    void ifftButterfly(byte[] a, byte[] b, int off, int len, int log);

    /**
     * Two FFT layers on four rows at once: butterflies (s0, s2) and (s1, s3) with {@code log02}, then (s0, s1)
     * with {@code log01} and (s2, s3) with {@code log23}. A log of 65535 here means the zero twiddle (plain XOR),
     * as in the transforms' SKEW entries. Kernels may fuse the four butterflies into one pass over the rows.
     */
    default void fftTwoLayers(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int len,
                              int log01, int log23, int log02) {
        fftOrXor(s0, s2, off, len, log02);
        fftOrXor(s1, s3, off, len, log02);
        fftOrXor(s0, s1, off, len, log01);
        fftOrXor(s2, s3, off, len, log23);
    }

    /** The inverse of {@link #fftTwoLayers}: (s0, s1) and (s2, s3) first, then (s0, s2) and (s1, s3). */
    default void ifftTwoLayers(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int len,
                               int log01, int log23, int log02) {
        ifftOrXor(s0, s1, off, len, log01);
        ifftOrXor(s2, s3, off, len, log23);
        ifftOrXor(s0, s2, off, len, log02);
        ifftOrXor(s1, s3, off, len, log02);
    }

    /** FFT butterfly with a SKEW twiddle: 65535 (zero twiddle) leaves {@code a} and makes {@code b ^= a}. */
    default void fftOrXor(byte[] a, byte[] b, int off, int len, int log) {
        if (log == Gf16.MODULUS) {
            xor(b, a, off, len);
        } else {
            fftButterfly(a, b, off, len, log);
        }
    }

    /** IFFT butterfly with a SKEW twiddle: 65535 (zero twiddle) leaves {@code a} and makes {@code b ^= a}. */
    default void ifftOrXor(byte[] a, byte[] b, int off, int len, int log) {
        if (log == Gf16.MODULUS) {
            xor(b, a, off, len);
        } else {
            ifftButterfly(a, b, off, len, log);
        }
    }

    /** {@code dst ^= src}. Plain XOR needs no field arithmetic, so one shared loop serves every kernel. */
    default void xor(byte[] dst, byte[] src, int off, int len) {
        Regions.xor(dst, src, off, len);
    }
}
