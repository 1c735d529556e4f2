package io.floe.encoding.rs;

/**
 * Additive FFT and IFFT in the novel polynomial basis over rows of a work array (RS16-SPEC.md §3-§4). Each row is
 * one symbol position; the transforms act on the byte region [0, len) of every row, lane by lane.
 *
 * <p>Layers go two at a time (radix 4, as the crate's engines do): four rows {@code dist} apart take both layers'
 * butterflies in one kernel call, which a kernel may fuse into one pass over the rows. Each butterfly keeps the
 * twiddle of §3.3, so the bytes are those of the layer-by-layer order. Truncation works per block of four
 * {@code dist}; the extra butterflies it may run past {@code t} only touch outputs §3.4 leaves unspecified (FFT) or
 * rows that are and stay zero (IFFT).
 */
final class Fft {
    private Fft() {
    }

    /** FFT of rows [pos, pos + size); only outputs below {@code t} are defined afterwards. */
    static void fft(GfKernel k, byte[][] a, int pos, int size, int t, int delta, int len) {
        int dist4 = size;
        for (int dist = size >>> 2; dist != 0; dist4 = dist, dist >>>= 2) {
            for (int r = 0; r < t; r += dist4) {
                int base = r + dist + delta - 1;
                int log01 = Gf16.skew(base);
                int log02 = Gf16.skew(base + dist);
                int log23 = Gf16.skew(base + 2 * dist);
                for (int i = pos + r; i < pos + r + dist; i++) {
                    k.fftTwoLayers(a[i], a[i + dist], a[i + 2 * dist], a[i + 3 * dist], 0, len, log01, log23, log02);
                }
            }
        }
        if (dist4 == 2) {
            for (int r = 0; r < t; r += 2) {
                k.fftOrXor(a[pos + r], a[pos + r + 1], 0, len, Gf16.skew(r + delta));
            }
        }
    }

    /** IFFT of rows [pos, pos + size); rows at or above {@code t} must hold zeros. */
    static void ifft(GfKernel k, byte[][] a, int pos, int size, int t, int delta, int len) {
        int dist = 1;
        for (int dist4 = 4; dist4 <= size; dist = dist4, dist4 <<= 2) {
            for (int r = 0; r < t; r += dist4) {
                int base = r + dist + delta - 1;
                int log01 = Gf16.skew(base);
                int log02 = Gf16.skew(base + dist);
                int log23 = Gf16.skew(base + 2 * dist);
                for (int i = pos + r; i < pos + r + dist; i++) {
                    k.ifftTwoLayers(a[i], a[i + dist], a[i + 2 * dist], a[i + 3 * dist], 0, len, log01, log23, log02);
                }
            }
        }
        if (dist < size) {
            int log = Gf16.skew(dist + delta - 1);
            for (int i = pos; i < pos + dist; i++) {
                k.ifftOrXor(a[i], a[i + dist], 0, len, log);
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
