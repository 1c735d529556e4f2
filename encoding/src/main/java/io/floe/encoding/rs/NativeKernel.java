package io.floe.encoding.rs;

/**
 * The native engine behind the GfKernel seam. {@link ReedSolomon} does not drive it butterfly by butterfly: it
 * hands each whole chunk to {@link NativeCodec} (one JNI call per chunk). The region methods here exist so the
 * engine can be checked against the scalar kernel operation by operation, and so any caller of the seam still
 * works; each is one JNI call on pinned arrays. Invariant: every call is bounds-checked here before it reaches C
 * (regions inside the arrays, whole 64-byte blocks, logs in [0, 65535]), since C does not check.
 */
public final class NativeKernel implements GfKernel {
    private static final int MUL_ADD = 0;
    private static final int MUL = 1;
    private static final int FFT = 2;
    private static final int IFFT = 3;
    private static final int FFT4 = 4;
    private static final int IFFT4 = 5;

    private final int isa;

    NativeKernel(int isa) {
        NativeRs.ready(isa);
        this.isa = isa;
    }

    int isa() {
        return isa;
    }

    @Override
    public String name() {
        return "native-" + NativeRs.ISA_NAMES[isa];
    }

    @Override
    public void mulAdd(byte[] dst, byte[] src, int off, int len, int log) {
        two(MUL_ADD, dst, src, off, len, log);
    }

    @Override
    public void mul(byte[] dst, byte[] src, int off, int len, int log) {
        two(MUL, dst, src, off, len, log);
    }

    @Override
    public void fftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        two(FFT, a, b, off, len, timesOne(log));
    }

    @Override
    public void ifftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        two(IFFT, a, b, off, len, timesOne(log));
    }

    @Override
    public void fftOrXor(byte[] a, byte[] b, int off, int len, int log) {
        two(FFT, a, b, off, len, log);
    }

    @Override
    public void ifftOrXor(byte[] a, byte[] b, int off, int len, int log) {
        two(IFFT, a, b, off, len, log);
    }

    @Override
    public void fftTwoLayers(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int len,
                             int log01, int log23, int log02) {
        four(FFT4, s0, s1, s2, s3, off, len, log01, log23, log02);
    }

    @Override
    public void ifftTwoLayers(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int len,
                              int log01, int log23, int log02) {
        four(IFFT4, s0, s1, s2, s3, off, len, log01, log23, log02);
    }

    private void two(int op, byte[] a, byte[] b, int off, int len, int log) {
        checkRegion(a, off, len);
        checkRegion(b, off, len);
        checkLog(log);
        NativeRs.region(isa, op, a, b, null, null, off, len, log, 0, 0);
    }

    private void four(int op, byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int len, int l01, int l23, int l02) {
        checkRegion(s0, off, len);
        checkRegion(s1, off, len);
        checkRegion(s2, off, len);
        checkRegion(s3, off, len);
        checkLog(l01);
        checkLog(l23);
        checkLog(l02);
        NativeRs.region(isa, op, s0, s1, s2, s3, off, len, l01, l23, l02);
    }

    /** In plain butterflies 65535 means "times one" (log 0); C reads 65535 as the zero twiddle of SKEW. */
    private static int timesOne(int log) {
        return log == Gf16.MODULUS ? 0 : log;
    }

    private static void checkRegion(byte[] array, int off, int len) {
        if (off < 0 || len < 0 || len % 64 != 0 || off > array.length - len) {
            throw new IndexOutOfBoundsException("region [" + off + ", " + off + "+" + len + ") of " + array.length
                + " bytes (whole 64-byte blocks)");
        }
    }

    private static void checkLog(int log) {
        if (log < 0 || log > Gf16.MODULUS) {
            throw new IllegalArgumentException("log " + log + " outside [0, 65535]");
        }
    }
}
