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
    /** Short name for logs and benchmarks ("scalar", "vector"). */
    String name();

    /** {@code dst ^= src * exp(log)}. */
    void mulAdd(byte[] dst, byte[] src, int off, int len, int log);

    /** {@code dst = src * exp(log)}. */
    void mul(byte[] dst, byte[] src, int off, int len, int log);

    /** FFT butterfly: {@code a ^= b * exp(log); b ^= a}. */
    void fftButterfly(byte[] a, byte[] b, int off, int len, int log);

    /** IFFT butterfly: {@code b ^= a; a ^= b * exp(log)}. */
    void ifftButterfly(byte[] a, byte[] b, int off, int len, int log);

    /** {@code dst ^= src}. Plain XOR needs no field arithmetic, so one shared loop serves every kernel. */
    default void xor(byte[] dst, byte[] src, int off, int len) {
        Regions.xor(dst, src, off, len);
    }
}
