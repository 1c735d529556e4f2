package io.floe.encoding.rs;

import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * 512-bit Vector API kernel for CPUs with AVX-512 VBMI, where a 64-lane byte {@code selectFrom} is one
 * {@code vpermb}: a lookup in a 64-entry table. One vector holds a whole 64-byte block, the low bytes of 32 lanes
 * in its first half and their high bytes in its second (RS16-SPEC.md §7), so the product needs no reshuffling of
 * the input: each byte's two nibbles index tables whose entries for the first half (index 0-15) and the second
 * half (index 16-31, reached by adding 16 in the second half) differ. Two lookups give what a byte contributes to
 * its own half of the product, two more what it contributes to the other half, which one half-swap moves across.
 * That is 4 table lookups per 32 lanes, where the 128-bit {@link VectorKernel} needs 16 and the crate's AVX2
 * engine 8. Tables are built lazily once per logarithm, shared by all threads, and never escape.
 *
 * <p>Like every kernel it gives the scalar kernel's bytes on any JDK and CPU; {@link GfKernels} picks it only when
 * the JVM's preferred vectors are 512 bits wide and the CPU has VBMI (without VBMI a 64-lane byte lookup is a
 * multi-instruction emulation).
 */
final class Vector512Kernel implements GfKernel {
    static final VectorSpecies<Byte> WIDE = ByteVector.SPECIES_512;
    static final int LANES = 64;
    /** Per logarithm, four 64-entry tables: own-half low nibble, own-half high nibble, other-half low, high. */
    private static final int TABLE_BYTES = 4 * LANES;
    static final byte NIBBLE = 0x0F;
    /** 0 in the first half, 16 in the second: added to a nibble, it selects the half's entries of a table. */
    static final byte[] HALF_OFFSET = new byte[LANES];
    /** Exchanges the two 32-byte halves of a block. */
    static final VectorShuffle<Byte> SWAP = VectorShuffle.fromOp(WIDE, i -> (i + LANES / 2) % LANES);

    static {
        for (int i = LANES / 2; i < LANES; i++) {
            HALF_OFFSET[i] = 16;
        }
    }

    private final AtomicReferenceArray<byte[]> tables = new AtomicReferenceArray<>(Gf16.ORDER);

    @Override
    public String name() {
        return "vector512";
    }

    private byte[] table(int log) {
        byte[] t = tables.get(log);
        if (t == null) {
            t = wideTables(log);
            tables.set(log, t);
        }
        return t;
    }

    /**
     * Entry {@code 16 h + v} of table {@code 2 o + n} (o: 0 own half, 1 other half; n: nibble) is the byte of
     * {@code (v << (4 n + 8 h)) * exp(log)} that lands in half {@code h ^ o}: a nibble of the input byte of half h
     * multiplied out and sliced to the product byte of the target half.
     */
    private static byte[] wideTables(int log) {
        byte[] t = new byte[TABLE_BYTES];
        for (int table = 0; table < 4; table++) {
            int nibble = table & 1;
            int other = table >>> 1;
            for (int h = 0; h < 2; h++) {
                for (int v = 0; v < 16; v++) {
                    int product = Gf16.mulLog(v << (4 * nibble + 8 * h), log);
                    t[LANES * table + 16 * h + v] = (byte) (product >>> (8 * (h ^ other)));
                }
            }
        }
        return t;
    }

    @Override
    public void mulAdd(byte[] dst, byte[] src, int off, int len, int log) {
        addProduct(dst, src, off, off + len, table(log));
    }

    @Override
    public void mul(byte[] dst, byte[] src, int off, int len, int log) {
        setProduct(dst, src, off, off + len, table(log));
    }

    @Override
    public void fftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        fft(a, b, off, off + len, table(log));
    }

    @Override
    public void ifftButterfly(byte[] a, byte[] b, int off, int len, int log) {
        ifft(a, b, off, off + len, table(log));
    }

    /*
     * The loop bodies repeat the product inline rather than call a helper: a vector passed to or returned from a
     * call C2 does not inline gets boxed (VectorKernel's comment says how that was seen), so every vector lives
     * from array load to array store inside one method. The high nibble comes from a 16-bit shift (one vpsrlw):
     * a byte-lane shift has no x86 instruction and expands to several. The bits the shift drags in from the
     * neighbouring byte are cleared by the AND with 15.
     */

    /** {@code dst ^= src * w} over [off, end). */
    private static void addProduct(byte[] dst, byte[] src, int off, int end, byte[] t) {
        final ByteVector own0 = ByteVector.fromArray(WIDE, t, 0);
        final ByteVector own1 = ByteVector.fromArray(WIDE, t, LANES);
        final ByteVector other0 = ByteVector.fromArray(WIDE, t, 2 * LANES);
        final ByteVector other1 = ByteVector.fromArray(WIDE, t, 3 * LANES);
        final ByteVector half = ByteVector.fromArray(WIDE, HALF_OFFSET, 0);
        final VectorShuffle<Byte> swap = SWAP;
        for (int i = off; i < end; i += LANES) {
            ByteVector x = ByteVector.fromArray(WIDE, src, i);
            ByteVector n0 = x.and(NIBBLE).or(half);
            ByteVector n1 = x.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                .and(NIBBLE).or(half);
            ByteVector across = n0.selectFrom(other0).lanewise(VectorOperators.XOR, n1.selectFrom(other1));
            ByteVector.fromArray(WIDE, dst, i)
                .lanewise(VectorOperators.XOR, n0.selectFrom(own0)).lanewise(VectorOperators.XOR, n1.selectFrom(own1))
                .lanewise(VectorOperators.XOR, across.rearrange(swap))
                .intoArray(dst, i);
        }
    }

    /** {@code dst = src * w} over [off, end); dst may be src. */
    private static void setProduct(byte[] dst, byte[] src, int off, int end, byte[] t) {
        final ByteVector own0 = ByteVector.fromArray(WIDE, t, 0);
        final ByteVector own1 = ByteVector.fromArray(WIDE, t, LANES);
        final ByteVector other0 = ByteVector.fromArray(WIDE, t, 2 * LANES);
        final ByteVector other1 = ByteVector.fromArray(WIDE, t, 3 * LANES);
        final ByteVector half = ByteVector.fromArray(WIDE, HALF_OFFSET, 0);
        final VectorShuffle<Byte> swap = SWAP;
        for (int i = off; i < end; i += LANES) {
            ByteVector x = ByteVector.fromArray(WIDE, src, i);
            ByteVector n0 = x.and(NIBBLE).or(half);
            ByteVector n1 = x.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                .and(NIBBLE).or(half);
            ByteVector across = n0.selectFrom(other0).lanewise(VectorOperators.XOR, n1.selectFrom(other1));
            n0.selectFrom(own0).lanewise(VectorOperators.XOR, n1.selectFrom(own1))
                .lanewise(VectorOperators.XOR, across.rearrange(swap))
                .intoArray(dst, i);
        }
    }

    /** {@code a ^= b * w; b ^= a} over [off, end). */
    private static void fft(byte[] a, byte[] b, int off, int end, byte[] t) {
        final ByteVector own0 = ByteVector.fromArray(WIDE, t, 0);
        final ByteVector own1 = ByteVector.fromArray(WIDE, t, LANES);
        final ByteVector other0 = ByteVector.fromArray(WIDE, t, 2 * LANES);
        final ByteVector other1 = ByteVector.fromArray(WIDE, t, 3 * LANES);
        final ByteVector half = ByteVector.fromArray(WIDE, HALF_OFFSET, 0);
        final VectorShuffle<Byte> swap = SWAP;
        for (int i = off; i < end; i += LANES) {
            ByteVector x = ByteVector.fromArray(WIDE, b, i);
            ByteVector n0 = x.and(NIBBLE).or(half);
            ByteVector n1 = x.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                .and(NIBBLE).or(half);
            ByteVector across = n0.selectFrom(other0).lanewise(VectorOperators.XOR, n1.selectFrom(other1));
            ByteVector y = ByteVector.fromArray(WIDE, a, i)
                .lanewise(VectorOperators.XOR, n0.selectFrom(own0)).lanewise(VectorOperators.XOR, n1.selectFrom(own1))
                .lanewise(VectorOperators.XOR, across.rearrange(swap));
            y.intoArray(a, i);
            x.lanewise(VectorOperators.XOR, y).intoArray(b, i);
        }
    }

    /** {@code b ^= a; a ^= b * w} over [off, end). */
    private static void ifft(byte[] a, byte[] b, int off, int end, byte[] t) {
        final ByteVector own0 = ByteVector.fromArray(WIDE, t, 0);
        final ByteVector own1 = ByteVector.fromArray(WIDE, t, LANES);
        final ByteVector other0 = ByteVector.fromArray(WIDE, t, 2 * LANES);
        final ByteVector other1 = ByteVector.fromArray(WIDE, t, 3 * LANES);
        final ByteVector half = ByteVector.fromArray(WIDE, HALF_OFFSET, 0);
        final VectorShuffle<Byte> swap = SWAP;
        for (int i = off; i < end; i += LANES) {
            ByteVector y = ByteVector.fromArray(WIDE, a, i);
            ByteVector x = ByteVector.fromArray(WIDE, b, i).lanewise(VectorOperators.XOR, y);
            x.intoArray(b, i);
            ByteVector n0 = x.and(NIBBLE).or(half);
            ByteVector n1 = x.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                .and(NIBBLE).or(half);
            ByteVector across = n0.selectFrom(other0).lanewise(VectorOperators.XOR, n1.selectFrom(other1));
            y.lanewise(VectorOperators.XOR, n0.selectFrom(own0)).lanewise(VectorOperators.XOR, n1.selectFrom(own1))
                .lanewise(VectorOperators.XOR, across.rearrange(swap))
                .intoArray(a, i);
        }
    }

    @Override
    public void fftTwoLayers(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int len,
                             int log01, int log23, int log02) {
        if (log01 == Gf16.MODULUS || log23 == Gf16.MODULUS || log02 == Gf16.MODULUS) {
            GfKernel.super.fftTwoLayers(s0, s1, s2, s3, off, len, log01, log23, log02);
        } else {
            Vector512Radix4.fft(s0, s1, s2, s3, off, off + len, table(log01), table(log23), table(log02));
        }
    }

    @Override
    public void ifftTwoLayers(byte[] s0, byte[] s1, byte[] s2, byte[] s3, int off, int len,
                              int log01, int log23, int log02) {
        if (log01 == Gf16.MODULUS || log23 == Gf16.MODULUS || log02 == Gf16.MODULUS) {
            GfKernel.super.ifftTwoLayers(s0, s1, s2, s3, off, len, log01, log23, log02);
        } else {
            Vector512Radix4.ifft(s0, s1, s2, s3, off, off + len, table(log01), table(log23), table(log02));
        }
    }
}
