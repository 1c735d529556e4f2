package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.Blake2b256.BLOCK;
import static io.floe.encoding.merkle.Blake2b256.DIGEST_LENGTH;
import static io.floe.encoding.merkle.Blake2b256.IV;
import static io.floe.encoding.merkle.Blake2b256.LONG_LE;
import static io.floe.encoding.merkle.Blake2b256.PARAM_0;
import static io.floe.encoding.merkle.Blake2b256.SIGMA;
import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Four Blake2b-256 hashes in the four 64-bit lanes of one 256-bit vector (AVX2 here): the same 12 rounds as
 * {@link Blake2b256}, each state word a vector holding that word of all four messages. Messages of one call have
 * one length, so all lanes take the same blocks, counters and final flag. Leaf hashing runs at about 2.7x the
 * scalar rate on JDK 25 and 2x on JDK 17 here ({@code bench/jmh.sh HashBatchBenchmark}); {@link HashBatch} picks
 * it whenever the incubator module is loaded.
 *
 * <p>Layout: {@code h[4 * word + lane]} and {@code m[4 * word + lane]}, so one vector load takes a word of every
 * lane. Message words are gathered with scalar loads (a 4 x 16 transpose): each is one unaligned 8-byte read,
 * shifted for the word that holds the prefix byte and masked for the word where the message ends; only a message
 * shorter than 8 bytes, or one ending within 8 bytes of its array's end, has a word assembled byte by byte.
 */
final class VectorLaneHasher implements LaneHasher {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_256;

    private final long[] h = new long[8 * LANES];
    private final long[] m = new long[16 * LANES];

    @Override
    public String name() {
        return "vector";
    }

    /** True when the CPU has 256-bit integer vectors, so the JIT turns this class's vector code into instructions. */
    static boolean compiledToHardware() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    @Override
    public void hash(byte prefix, int len, byte[][] src, int[] off, int lanes, byte[] out, int[] outOff) {
        for (int w = 0; w < 8; w++) {
            long iv = w == 0 ? IV[0] ^ PARAM_0 : IV[w];
            for (int lane = 0; lane < LANES; lane++) {
                h[4 * w + lane] = iv;
            }
        }
        long total = len + 1L;
        int blocks = (int) ((total + BLOCK - 1) / BLOCK);
        for (int b = 0; b < blocks; b++) {
            for (int lane = 0; lane < lanes; lane++) {
                loadBlock(prefix, len, src[lane], off[lane], b * BLOCK, lane);
            }
            compress(Math.min((long) (b + 1) * BLOCK, total), b == blocks - 1);
        }
        for (int lane = 0; lane < lanes; lane++) {
            for (int w = 0; w < DIGEST_LENGTH / 8; w++) {
                LONG_LE.set(out, outOff[lane] + 8 * w, h[4 * w + lane]);
            }
        }
    }

    /**
     * Message bytes [start, start+128) of lane {@code lane} into {@code m}; message byte p is data byte p - 1, and
     * the message has len + 1 bytes. The branches are the same for every lane and block of a call, so they predict.
     */
    private void loadBlock(byte prefix, int len, byte[] data, int off, int start, int lane) {
        for (int w = 0; w < 16; w++) {
            int q = start + 8 * w;
            long word;
            if (q >= 8 && q + 7 <= len) {
                word = (long) LONG_LE.get(data, off + q - 1);
            } else if (q > len) {
                word = 0;
            } else if (q == 0 && len >= 8) {
                // Data bytes 0..6 above the prefix; the shift drops byte 7, which the next word reads.
                word = (long) LONG_LE.get(data, off) << 8 | (prefix & 0xFF);
            } else if (q >= 8 && off + q + 7 <= data.length) {
                // The message ends inside this word: read the array's next bytes anyway and mask them off.
                word = (long) LONG_LE.get(data, off + q - 1) & (-1L >>> (8 * (q + 7 - len)));
            } else {
                word = edgeWord(prefix, len, data, off, q);
            }
            m[4 * w + lane] = word;
        }
    }

    /** A word that holds the prefix byte or reaches past the message's end (zero padding), byte by byte. */
    private static long edgeWord(byte prefix, int len, byte[] data, int off, int q) {
        long word = 0;
        for (int i = 0; i < 8; i++) {
            int p = q + i;
            long b = p == 0 ? prefix & 0xFF : p <= len ? data[off + p - 1] & 0xFF : 0;
            word |= b << (8 * i);
        }
        return word;
    }

    /**
     * The 12 rounds over {@code m}, folded into {@code h}, for byte counter {@code t} (high counter word zero: a Java
     * array is shorter than 2^64). Every vector lives inside this one method, from array load to array store, and
     * the G steps are spelled out with the Vector API's own calls only: a vector passed to a helper of ours that C2
     * declines to inline gets boxed, and the loop falls several times slower (PERF-NOTES.md).
     */
    private void compress(long t, boolean last) {
        final long[] m = this.m;
        LongVector v0 = LongVector.fromArray(S, h, 0), v1 = LongVector.fromArray(S, h, 4);
        LongVector v2 = LongVector.fromArray(S, h, 8), v3 = LongVector.fromArray(S, h, 12);
        LongVector v4 = LongVector.fromArray(S, h, 16), v5 = LongVector.fromArray(S, h, 20);
        LongVector v6 = LongVector.fromArray(S, h, 24), v7 = LongVector.fromArray(S, h, 28);
        LongVector v8 = LongVector.broadcast(S, IV[0]), v9 = LongVector.broadcast(S, IV[1]);
        LongVector v10 = LongVector.broadcast(S, IV[2]), v11 = LongVector.broadcast(S, IV[3]);
        LongVector v12 = LongVector.broadcast(S, IV[4] ^ t), v13 = LongVector.broadcast(S, IV[5]);
        LongVector v14 = LongVector.broadcast(S, last ? ~IV[6] : IV[6]), v15 = LongVector.broadcast(S, IV[7]);
        for (int s = 0; s < SIGMA.length; s += 16) {
            v0 = v0.add(v4).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 0]));
            v12 = v12.lanewise(XOR, v0).lanewise(ROR, 32); v8 = v8.add(v12);
            v4 = v4.lanewise(XOR, v8).lanewise(ROR, 24);
            v0 = v0.add(v4).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 1]));
            v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16); v8 = v8.add(v12);
            v4 = v4.lanewise(XOR, v8).lanewise(ROR, 63);
            v1 = v1.add(v5).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 2]));
            v13 = v13.lanewise(XOR, v1).lanewise(ROR, 32); v9 = v9.add(v13);
            v5 = v5.lanewise(XOR, v9).lanewise(ROR, 24);
            v1 = v1.add(v5).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 3]));
            v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16); v9 = v9.add(v13);
            v5 = v5.lanewise(XOR, v9).lanewise(ROR, 63);
            v2 = v2.add(v6).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 4]));
            v14 = v14.lanewise(XOR, v2).lanewise(ROR, 32); v10 = v10.add(v14);
            v6 = v6.lanewise(XOR, v10).lanewise(ROR, 24);
            v2 = v2.add(v6).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 5]));
            v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16); v10 = v10.add(v14);
            v6 = v6.lanewise(XOR, v10).lanewise(ROR, 63);
            v3 = v3.add(v7).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 6]));
            v15 = v15.lanewise(XOR, v3).lanewise(ROR, 32); v11 = v11.add(v15);
            v7 = v7.lanewise(XOR, v11).lanewise(ROR, 24);
            v3 = v3.add(v7).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 7]));
            v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16); v11 = v11.add(v15);
            v7 = v7.lanewise(XOR, v11).lanewise(ROR, 63);
            v0 = v0.add(v5).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 8]));
            v15 = v15.lanewise(XOR, v0).lanewise(ROR, 32); v10 = v10.add(v15);
            v5 = v5.lanewise(XOR, v10).lanewise(ROR, 24);
            v0 = v0.add(v5).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 9]));
            v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16); v10 = v10.add(v15);
            v5 = v5.lanewise(XOR, v10).lanewise(ROR, 63);
            v1 = v1.add(v6).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 10]));
            v12 = v12.lanewise(XOR, v1).lanewise(ROR, 32); v11 = v11.add(v12);
            v6 = v6.lanewise(XOR, v11).lanewise(ROR, 24);
            v1 = v1.add(v6).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 11]));
            v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16); v11 = v11.add(v12);
            v6 = v6.lanewise(XOR, v11).lanewise(ROR, 63);
            v2 = v2.add(v7).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 12]));
            v13 = v13.lanewise(XOR, v2).lanewise(ROR, 32); v8 = v8.add(v13);
            v7 = v7.lanewise(XOR, v8).lanewise(ROR, 24);
            v2 = v2.add(v7).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 13]));
            v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16); v8 = v8.add(v13);
            v7 = v7.lanewise(XOR, v8).lanewise(ROR, 63);
            v3 = v3.add(v4).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 14]));
            v14 = v14.lanewise(XOR, v3).lanewise(ROR, 32); v9 = v9.add(v14);
            v4 = v4.lanewise(XOR, v9).lanewise(ROR, 24);
            v3 = v3.add(v4).add(LongVector.fromArray(S, m, 4 * SIGMA[s + 15]));
            v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16); v9 = v9.add(v14);
            v4 = v4.lanewise(XOR, v9).lanewise(ROR, 63);
        }
        LongVector.fromArray(S, h, 0).lanewise(XOR, v0).lanewise(XOR, v8).intoArray(h, 0);
        LongVector.fromArray(S, h, 4).lanewise(XOR, v1).lanewise(XOR, v9).intoArray(h, 4);
        LongVector.fromArray(S, h, 8).lanewise(XOR, v2).lanewise(XOR, v10).intoArray(h, 8);
        LongVector.fromArray(S, h, 12).lanewise(XOR, v3).lanewise(XOR, v11).intoArray(h, 12);
        LongVector.fromArray(S, h, 16).lanewise(XOR, v4).lanewise(XOR, v12).intoArray(h, 16);
        LongVector.fromArray(S, h, 20).lanewise(XOR, v5).lanewise(XOR, v13).intoArray(h, 20);
        LongVector.fromArray(S, h, 24).lanewise(XOR, v6).lanewise(XOR, v14).intoArray(h, 24);
        LongVector.fromArray(S, h, 28).lanewise(XOR, v7).lanewise(XOR, v15).intoArray(h, 28);
    }
}
