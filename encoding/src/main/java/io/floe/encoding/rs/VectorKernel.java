package io.floe.encoding.rs;

import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel (jdk.incubator.vector): multiplication by a constant as the XOR of four nibble lookups. The
 * nibbles of a lane are {@code lo & 15}, {@code lo >>> 4}, {@code hi & 15}, {@code hi >>> 4}; each indexes two
 * 16-entry tables giving the low and high byte of its product, so one 128-bit {@code selectFrom} (a byte shuffle)
 * looks up 16 lanes at once. Tables are built lazily once per logarithm, shared by all threads, and never escape.
 * Plain XOR keeps the interface's shared loop: on JDK 25 C2 vectorises it and it beat a Vector API version.
 *
 * <p>It gives the same bytes on every JDK from 17 on; {@link GfKernels} picks it by default only on JDK 25+, where
 * PERF-NOTES.md measured its gain over {@link ScalarKernel}.
 */
final class VectorKernel implements GfKernel {
    /** 16 byte lanes: exactly one 16-entry table per vector, so every lookup is a single in-lane shuffle. */
    private static final VectorSpecies<Byte> LOOKUP = ByteVector.SPECIES_128;
    /** Per logarithm: plane p (0 low, 1 high product byte), nibble n, value v at {@code 64 p + 16 n + v}. */
    private static final int TABLE_BYTES = 128;
    private static final int PLANE_BYTES = 64;
    private static final byte NIBBLE = 0x0F;

    private final AtomicReferenceArray<byte[]> tables = new AtomicReferenceArray<>(Gf16.ORDER);

    @Override
    public String name() {
        return "vector128";
    }

    private byte[] table(int log) {
        byte[] t = tables.get(log);
        if (t == null) {
            t = nibbleTables(log);
            tables.set(log, t);
        }
        return t;
    }

    /** The eight 16-entry tables of one multiplier: byte p of {@code (v << 4n) * exp(log)}. */
    private static byte[] nibbleTables(int log) {
        byte[] t = new byte[TABLE_BYTES];
        for (int n = 0; n < 4; n++) {
            for (int v = 0; v < 16; v++) {
                int p = Gf16.mulLog(v << (4 * n), log);
                t[16 * n + v] = (byte) p;
                t[PLANE_BYTES + 16 * n + v] = (byte) (p >>> 8);
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
     * Why the loops look like this. PERF-NOTES.md reports vector loops falling to 0.3-1.8 GB/s in some launches. The
     * mechanism seen here with -XX:+LogCompilation: C2 inlines the Vector API's own methods by force, but stops at
     * methods of ours when a caller grows large (NodeCountInliningCutoff in ReedSolomon.decodeChunk), and a vector
     * passed to or returned from a call that is not inlined gets boxed. So every vector lives and dies inside one
     * method body, from array load to array store, with no call of ours in between, and the eight table vectors are
     * loaded into final locals before the loop. A loop method per operation also compiles on its own: fft, ifft and
     * addProduct exceed C2's FreqInlineSize (325 bytecodes), so they are never inlined into Fft's loops; setProduct
     * may be inlined into decodeChunk. Logs of 24 launches showed no Vector API inlining failure, and one pass with
     * eight lookups beat two passes of four (one per product byte) by 1.2-2x in the codec, so the two product bytes
     * share a loop. Each step handles 16 lanes and reads both input bytes before writing, so dst == src is safe. The
     * high nibbles come from a 16-bit shift (one psrlw) and a mask: x86 has no byte-lane shift, and C2 expands a
     * byte LSHR into a widen-shift-narrow sequence; this cut the codec's time by a fifth.
     */

    /** {@code dst ^= src * w} over [off, end). */
    private static void addProduct(byte[] dst, byte[] src, int off, int end, byte[] t) {
        final ByteVector l0 = ByteVector.fromArray(LOOKUP, t, 0);
        final ByteVector l1 = ByteVector.fromArray(LOOKUP, t, 16);
        final ByteVector l2 = ByteVector.fromArray(LOOKUP, t, 32);
        final ByteVector l3 = ByteVector.fromArray(LOOKUP, t, 48);
        final ByteVector h0 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES);
        final ByteVector h1 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 16);
        final ByteVector h2 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 32);
        final ByteVector h3 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 48);
        for (int b = off; b < end; b += 64) {
            for (int u = b; u < b + 32; u += 16) {
                ByteVector lo = ByteVector.fromArray(LOOKUP, src, u);
                ByteVector hi = ByteVector.fromArray(LOOKUP, src, u + 32);
                ByteVector n0 = lo.and(NIBBLE);
                ByteVector n1 = lo.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                ByteVector n2 = hi.and(NIBBLE);
                ByteVector n3 = hi.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                ByteVector.fromArray(LOOKUP, dst, u)
                    .lanewise(VectorOperators.XOR, n0.selectFrom(l0)).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3))
                    .intoArray(dst, u);
                ByteVector.fromArray(LOOKUP, dst, u + 32)
                    .lanewise(VectorOperators.XOR, n0.selectFrom(h0)).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3))
                    .intoArray(dst, u + 32);
            }
        }
    }

    /** {@code dst = src * w} over [off, end); dst may be src. */
    private static void setProduct(byte[] dst, byte[] src, int off, int end, byte[] t) {
        final ByteVector l0 = ByteVector.fromArray(LOOKUP, t, 0);
        final ByteVector l1 = ByteVector.fromArray(LOOKUP, t, 16);
        final ByteVector l2 = ByteVector.fromArray(LOOKUP, t, 32);
        final ByteVector l3 = ByteVector.fromArray(LOOKUP, t, 48);
        final ByteVector h0 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES);
        final ByteVector h1 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 16);
        final ByteVector h2 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 32);
        final ByteVector h3 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 48);
        for (int b = off; b < end; b += 64) {
            for (int u = b; u < b + 32; u += 16) {
                ByteVector lo = ByteVector.fromArray(LOOKUP, src, u);
                ByteVector hi = ByteVector.fromArray(LOOKUP, src, u + 32);
                ByteVector n0 = lo.and(NIBBLE);
                ByteVector n1 = lo.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                ByteVector n2 = hi.and(NIBBLE);
                ByteVector n3 = hi.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                n0.selectFrom(l0).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3))
                    .intoArray(dst, u);
                n0.selectFrom(h0).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3))
                    .intoArray(dst, u + 32);
            }
        }
    }

    /** {@code a ^= b * w; b ^= a} over [off, end), one pass. */
    private static void fft(byte[] a, byte[] b, int off, int end, byte[] t) {
        final ByteVector l0 = ByteVector.fromArray(LOOKUP, t, 0);
        final ByteVector l1 = ByteVector.fromArray(LOOKUP, t, 16);
        final ByteVector l2 = ByteVector.fromArray(LOOKUP, t, 32);
        final ByteVector l3 = ByteVector.fromArray(LOOKUP, t, 48);
        final ByteVector h0 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES);
        final ByteVector h1 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 16);
        final ByteVector h2 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 32);
        final ByteVector h3 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 48);
        for (int blk = off; blk < end; blk += 64) {
            for (int u = blk; u < blk + 32; u += 16) {
                ByteVector lo = ByteVector.fromArray(LOOKUP, b, u);
                ByteVector hi = ByteVector.fromArray(LOOKUP, b, u + 32);
                ByteVector n0 = lo.and(NIBBLE);
                ByteVector n1 = lo.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                ByteVector n2 = hi.and(NIBBLE);
                ByteVector n3 = hi.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                ByteVector aLo = ByteVector.fromArray(LOOKUP, a, u)
                    .lanewise(VectorOperators.XOR, n0.selectFrom(l0)).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3));
                ByteVector aHi = ByteVector.fromArray(LOOKUP, a, u + 32)
                    .lanewise(VectorOperators.XOR, n0.selectFrom(h0)).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3));
                aLo.intoArray(a, u);
                aHi.intoArray(a, u + 32);
                lo.lanewise(VectorOperators.XOR, aLo).intoArray(b, u);
                hi.lanewise(VectorOperators.XOR, aHi).intoArray(b, u + 32);
            }
        }
    }

    /** {@code b ^= a; a ^= b * w} over [off, end), one pass. */
    private static void ifft(byte[] a, byte[] b, int off, int end, byte[] t) {
        final ByteVector l0 = ByteVector.fromArray(LOOKUP, t, 0);
        final ByteVector l1 = ByteVector.fromArray(LOOKUP, t, 16);
        final ByteVector l2 = ByteVector.fromArray(LOOKUP, t, 32);
        final ByteVector l3 = ByteVector.fromArray(LOOKUP, t, 48);
        final ByteVector h0 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES);
        final ByteVector h1 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 16);
        final ByteVector h2 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 32);
        final ByteVector h3 = ByteVector.fromArray(LOOKUP, t, PLANE_BYTES + 48);
        for (int blk = off; blk < end; blk += 64) {
            for (int u = blk; u < blk + 32; u += 16) {
                ByteVector aLo = ByteVector.fromArray(LOOKUP, a, u);
                ByteVector aHi = ByteVector.fromArray(LOOKUP, a, u + 32);
                ByteVector lo = ByteVector.fromArray(LOOKUP, b, u).lanewise(VectorOperators.XOR, aLo);
                ByteVector hi = ByteVector.fromArray(LOOKUP, b, u + 32).lanewise(VectorOperators.XOR, aHi);
                lo.intoArray(b, u);
                hi.intoArray(b, u + 32);
                ByteVector n0 = lo.and(NIBBLE);
                ByteVector n1 = lo.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                ByteVector n2 = hi.and(NIBBLE);
                ByteVector n3 = hi.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes()
                    .and(NIBBLE);
                aLo.lanewise(VectorOperators.XOR, n0.selectFrom(l0)).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3))
                    .intoArray(a, u);
                aHi.lanewise(VectorOperators.XOR, n0.selectFrom(h0)).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3))
                    .intoArray(a, u + 32);
            }
        }
    }
}
