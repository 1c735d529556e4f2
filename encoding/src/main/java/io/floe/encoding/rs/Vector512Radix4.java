package io.floe.encoding.rs;

import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Two FFT (or IFFT) layers on four rows in one pass for {@link Vector512Kernel}: each 64-byte block of the four
 * rows is loaded once, takes its four butterflies in registers and is stored once, where two single-layer passes
 * load and store every block twice and make four kernel calls instead of one. The twiddles are nonzero here (the
 * kernel sends a zero twiddle, a plain XOR, to the single-butterfly path). Products are computed as in
 * {@link Vector512Kernel}: tables {@code o0, o1} give a byte's contribution to its own half, {@code a0, a1} to
 * the other half, which the swap moves across.
 */
final class Vector512Radix4 {
    private static final VectorSpecies<Byte> WIDE = Vector512Kernel.WIDE;
    private static final int LANES = Vector512Kernel.LANES;
    private static final byte NIBBLE = Vector512Kernel.NIBBLE;
    private static final byte[] HALF_OFFSET = Vector512Kernel.HALF_OFFSET;
    private static final VectorShuffle<Byte> SWAP = Vector512Kernel.SWAP;

    private Vector512Radix4() {
    }

    /*
     * These two methods are longer than the project's usual limit on purpose: the four products are written out
     * inline, with the twelve tables in locals, because a helper method for the product was not always inlined
     * (PrintInlining: "callee is too large" in some compilations), and a vector crossing a call that stays a call is
     * boxed, which made the codec 2-3x slower. Every vector lives from array load to array store in one body.
     */

    /** FFT: (s0, s2), (s1, s3) with w02, then (s0, s1) with w01, (s2, s3) with w23; a ^= b w; b ^= a. */
    static void fft(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int end,
                     byte[] t01, byte[] t23, byte[] t02) {
        final ByteVector half = ByteVector.fromArray(WIDE, HALF_OFFSET, 0);
        final VectorShuffle<Byte> swap = SWAP;
        final ByteVector t01o0 = ByteVector.fromArray(WIDE, t01, 0 * LANES);
        final ByteVector t01o1 = ByteVector.fromArray(WIDE, t01, 1 * LANES);
        final ByteVector t01a0 = ByteVector.fromArray(WIDE, t01, 2 * LANES);
        final ByteVector t01a1 = ByteVector.fromArray(WIDE, t01, 3 * LANES);
        final ByteVector t23o0 = ByteVector.fromArray(WIDE, t23, 0 * LANES);
        final ByteVector t23o1 = ByteVector.fromArray(WIDE, t23, 1 * LANES);
        final ByteVector t23a0 = ByteVector.fromArray(WIDE, t23, 2 * LANES);
        final ByteVector t23a1 = ByteVector.fromArray(WIDE, t23, 3 * LANES);
        final ByteVector t02o0 = ByteVector.fromArray(WIDE, t02, 0 * LANES);
        final ByteVector t02o1 = ByteVector.fromArray(WIDE, t02, 1 * LANES);
        final ByteVector t02a0 = ByteVector.fromArray(WIDE, t02, 2 * LANES);
        final ByteVector t02a1 = ByteVector.fromArray(WIDE, t02, 3 * LANES);
        for (int i = off; i < end; i += LANES) {
            ByteVector x0 = ByteVector.fromArray(WIDE, s0, i);
            ByteVector x1 = ByteVector.fromArray(WIDE, s1, i);
            ByteVector x2 = ByteVector.fromArray(WIDE, s2, i);
            ByteVector x3 = ByteVector.fromArray(WIDE, s3, i);
            ByteVector p0 = x2.and(NIBBLE).or(half);
            ByteVector p1 = x2.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector p = p0.selectFrom(t02o0).lanewise(XOR, p1.selectFrom(t02o1)).lanewise(XOR,
                p0.selectFrom(t02a0).lanewise(XOR, p1.selectFrom(t02a1)).rearrange(swap));
            x0 = x0.lanewise(XOR, p);
            x2 = x2.lanewise(XOR, x0);
            ByteVector q0 = x3.and(NIBBLE).or(half);
            ByteVector q1 = x3.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector q = q0.selectFrom(t02o0).lanewise(XOR, q1.selectFrom(t02o1)).lanewise(XOR,
                q0.selectFrom(t02a0).lanewise(XOR, q1.selectFrom(t02a1)).rearrange(swap));
            x1 = x1.lanewise(XOR, q);
            x3 = x3.lanewise(XOR, x1);
            ByteVector r0 = x1.and(NIBBLE).or(half);
            ByteVector r1 = x1.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector r = r0.selectFrom(t01o0).lanewise(XOR, r1.selectFrom(t01o1)).lanewise(XOR,
                r0.selectFrom(t01a0).lanewise(XOR, r1.selectFrom(t01a1)).rearrange(swap));
            x0 = x0.lanewise(XOR, r);
            x1 = x1.lanewise(XOR, x0);
            ByteVector u0 = x3.and(NIBBLE).or(half);
            ByteVector u1 = x3.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector u = u0.selectFrom(t23o0).lanewise(XOR, u1.selectFrom(t23o1)).lanewise(XOR,
                u0.selectFrom(t23a0).lanewise(XOR, u1.selectFrom(t23a1)).rearrange(swap));
            x2 = x2.lanewise(XOR, u);
            x3 = x3.lanewise(XOR, x2);
            x0.intoArray(s0, i);
            x1.intoArray(s1, i);
            x2.intoArray(s2, i);
            x3.intoArray(s3, i);
        }
    }

    /** IFFT: (s0, s1) with w01, (s2, s3) with w23, then (s0, s2), (s1, s3) with w02; b ^= a; a ^= b w. */
    static void ifft(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int end,
                     byte[] t01, byte[] t23, byte[] t02) {
        final ByteVector half = ByteVector.fromArray(WIDE, HALF_OFFSET, 0);
        final VectorShuffle<Byte> swap = SWAP;
        final ByteVector t01o0 = ByteVector.fromArray(WIDE, t01, 0 * LANES);
        final ByteVector t01o1 = ByteVector.fromArray(WIDE, t01, 1 * LANES);
        final ByteVector t01a0 = ByteVector.fromArray(WIDE, t01, 2 * LANES);
        final ByteVector t01a1 = ByteVector.fromArray(WIDE, t01, 3 * LANES);
        final ByteVector t23o0 = ByteVector.fromArray(WIDE, t23, 0 * LANES);
        final ByteVector t23o1 = ByteVector.fromArray(WIDE, t23, 1 * LANES);
        final ByteVector t23a0 = ByteVector.fromArray(WIDE, t23, 2 * LANES);
        final ByteVector t23a1 = ByteVector.fromArray(WIDE, t23, 3 * LANES);
        final ByteVector t02o0 = ByteVector.fromArray(WIDE, t02, 0 * LANES);
        final ByteVector t02o1 = ByteVector.fromArray(WIDE, t02, 1 * LANES);
        final ByteVector t02a0 = ByteVector.fromArray(WIDE, t02, 2 * LANES);
        final ByteVector t02a1 = ByteVector.fromArray(WIDE, t02, 3 * LANES);
        for (int i = off; i < end; i += LANES) {
            ByteVector x0 = ByteVector.fromArray(WIDE, s0, i);
            ByteVector x1 = ByteVector.fromArray(WIDE, s1, i);
            ByteVector x2 = ByteVector.fromArray(WIDE, s2, i);
            ByteVector x3 = ByteVector.fromArray(WIDE, s3, i);
            x1 = x1.lanewise(XOR, x0);
            ByteVector p0 = x1.and(NIBBLE).or(half);
            ByteVector p1 = x1.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector p = p0.selectFrom(t01o0).lanewise(XOR, p1.selectFrom(t01o1)).lanewise(XOR,
                p0.selectFrom(t01a0).lanewise(XOR, p1.selectFrom(t01a1)).rearrange(swap));
            x0 = x0.lanewise(XOR, p);
            x3 = x3.lanewise(XOR, x2);
            ByteVector q0 = x3.and(NIBBLE).or(half);
            ByteVector q1 = x3.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector q = q0.selectFrom(t23o0).lanewise(XOR, q1.selectFrom(t23o1)).lanewise(XOR,
                q0.selectFrom(t23a0).lanewise(XOR, q1.selectFrom(t23a1)).rearrange(swap));
            x2 = x2.lanewise(XOR, q);
            x2 = x2.lanewise(XOR, x0);
            ByteVector r0 = x2.and(NIBBLE).or(half);
            ByteVector r1 = x2.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector r = r0.selectFrom(t02o0).lanewise(XOR, r1.selectFrom(t02o1)).lanewise(XOR,
                r0.selectFrom(t02a0).lanewise(XOR, r1.selectFrom(t02a1)).rearrange(swap));
            x0 = x0.lanewise(XOR, r);
            x3 = x3.lanewise(XOR, x1);
            ByteVector u0 = x3.and(NIBBLE).or(half);
            ByteVector u1 = x3.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(NIBBLE).or(half);
            ByteVector u = u0.selectFrom(t02o0).lanewise(XOR, u1.selectFrom(t02o1)).lanewise(XOR,
                u0.selectFrom(t02a0).lanewise(XOR, u1.selectFrom(t02a1)).rearrange(swap));
            x1 = x1.lanewise(XOR, u);
            x0.intoArray(s0, i);
            x1.intoArray(s1, i);
            x2.intoArray(s2, i);
            x3.intoArray(s3, i);
        }
    }
}
