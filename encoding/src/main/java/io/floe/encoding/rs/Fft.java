package io.floe.encoding.rs;

/**
 * Additive FFT and IFFT in the novel polynomial basis over rows of a work array (RS16-SPEC.md §3-§4). Each row is
 * one symbol position; the transforms act on the byte region [0, len) of every row, lane by lane.
 */
final class Fft {
    private Fft() {
    }

    /** FFT of rows [pos, pos + size); only outputs below {@code t} are defined afterwards. */
    static void fft(GfKernel k, byte[][] a, int pos, int size, int t, int delta, int len) {
        for (int d = size >>> 1; d >= 1; d >>>= 1) {
            for (int r = 0; r < t; r += d << 1) {
                int log = Gf16.skew(delta + r + d - 1);
                for (int i = pos + r; i < pos + r + d; i++) {
                    if (log == Gf16.MODULUS) {
                        k.xor(a[i + d], a[i], 0, len);
                    } else {
                        k.fftButterfly(a[i], a[i + d], 0, len, log);
                    }
                }
            }
        }
    }

    /** IFFT of rows [pos, pos + size); rows at or above {@code t} must hold zeros. */
    static void ifft(GfKernel k, byte[][] a, int pos, int size, int t, int delta, int len) {
        for (int d = 1; d < size; d <<= 1) {
            for (int r = 0; r < t; r += d << 1) {
                int log = Gf16.skew(delta + r + d - 1);
                for (int i = pos + r; i < pos + r + d; i++) {
                    if (log == Gf16.MODULUS) {
                        k.xor(a[i + d], a[i], 0, len);
                    } else {
                        k.ifftButterfly(a[i], a[i + d], 0, len, log);
                    }
                }
            }
        }
    }

    /**
     * Formal derivative in the novel basis over rows [0, n). Every row is read before it is written, so the
     * in-place order gives the closed form of RS16-SPEC.md §4. The rows past the IFFT's truncation point are not
     * zero (the IFFT leaves the untruncated result there), so all n rows take part.
     */
    static void formalDerivative(GfKernel k, byte[][] a, int n, int len) {
        for (int i = 1; i < n; i++) {
            int w = Integer.lowestOneBit(i);
            for (int u = 0; u < w; u++) {
                k.xor(a[i - w + u], a[i + u], 0, len);
            }
        }
    }
}
