package io.floe.encoding.rs;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Portable kernel: multiplication by a constant through two 256-entry tables (product of the low input byte,
 * product of the high input byte), built lazily once per logarithm and shared by all threads.
 */
final class ScalarKernel implements GfKernel {
    /** Per logarithm: entries [0, 256) = x * w for x < 256, entries [256, 512) = (x << 8) * w. */
    private final AtomicReferenceArray<int[]> tables = new AtomicReferenceArray<>(Gf16.ORDER);

    @Override
    public String name() {
        return "scalar";
    }

    private int[] table(int log) {
        int[] t = tables.get(log);
        if (t == null) {
            t = new int[512];
            for (int x = 0; x < 256; x++) {
                t[x] = Gf16.mulLog(x, log);
                t[256 + x] = Gf16.mulLog(x << 8, log);
            }
            tables.set(log, t);
        }
        return t;
    }

    @Override
    public void mulAdd(byte[] dst, byte[] src, int off, int len, int log) {
        final int[] t = table(log);
        final int end = off + len;
        // One block = 32 lanes: low bytes at [b, b+32), high bytes at [b+32, b+64).
        for (int b = off; b < end; b += 64) {
            for (int u = b; u < b + 32; u++) {
                int p = t[src[u] & 0xFF] ^ t[256 + (src[u + 32] & 0xFF)];
                dst[u] ^= (byte) p;
                dst[u + 32] ^= (byte) (p >>> 8);
            }
        }
    }

    @Override
    public void mul(byte[] dst, byte[] src, int off, int len, int log) {
        final int[] t = table(log);
        final int end = off + len;
        for (int b = off; b < end; b += 64) {
            for (int u = b; u < b + 32; u++) {
                int p = t[src[u] & 0xFF] ^ t[256 + (src[u + 32] & 0xFF)];
                dst[u] = (byte) p;
                dst[u + 32] = (byte) (p >>> 8);
            }
        }
    }

    @Override
    public void fftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        final int[] t = table(log);
        final int end = off + len;
        for (int blk = off; blk < end; blk += 64) {
            for (int u = blk; u < blk + 32; u++) {
                int p = t[b[u] & 0xFF] ^ t[256 + (b[u + 32] & 0xFF)];
                byte lo = (byte) (a[u] ^ p);
                byte hi = (byte) (a[u + 32] ^ (p >>> 8));
                a[u] = lo;
                a[u + 32] = hi;
                b[u] ^= lo;
                b[u + 32] ^= hi;
            }
        }
    }

    @Override
    public void ifftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        final int[] t = table(log);
        final int end = off + len;
        for (int blk = off; blk < end; blk += 64) {
            for (int u = blk; u < blk + 32; u++) {
                byte lo = (byte) (b[u] ^ a[u]);
                byte hi = (byte) (b[u + 32] ^ a[u + 32]);
                b[u] = lo;
                b[u + 32] = hi;
                int p = t[lo & 0xFF] ^ t[256 + (hi & 0xFF)];
                a[u] ^= (byte) p;
                a[u + 32] ^= (byte) (p >>> 8);
            }
        }
    }
}
