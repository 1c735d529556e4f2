package io.floe.encoding.rs;

/** Placeholder until the Vector API kernel lands: delegates to the scalar tables. */
final class VectorKernel implements GfKernel {
    private final GfKernel scalar = new ScalarKernel();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void mulAdd(byte[] dst, byte[] src, int off, int len, int log) {
        scalar.mulAdd(dst, src, off, len, log);
    }

    @Override
    public void mul(byte[] dst, byte[] src, int off, int len, int log) {
        scalar.mul(dst, src, off, len, log);
    }

    @Override
    public void fftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        scalar.fftButterfly(a, b, off, len, log);
    }

    @Override
    public void ifftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        scalar.ifftButterfly(a, b, off, len, log);
    }
}
