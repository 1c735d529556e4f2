package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.Blake2b256.BLOCK;
import static io.floe.encoding.merkle.Blake2b256.DIGEST_LENGTH;
import static io.floe.encoding.merkle.Blake2b256.IV;
import static io.floe.encoding.merkle.Blake2b256.LONG_LE;
import static io.floe.encoding.merkle.Blake2b256.PARAM_0;
import static io.floe.encoding.merkle.Blake2b256.SIGMA;
import static jdk.incubator.vector.VectorOperators.ROR;
import static jdk.incubator.vector.VectorOperators.XOR;

import java.util.Objects;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One Blake2b-256 hash per 64-bit lane of a vector: eight lanes in a 512-bit vector where the CPU has them (AVX-512),
 * else four in a 256-bit one (AVX2). The same 12 rounds as {@link Blake2b256}, each state word a vector holding that
 * word of every message. Messages of one call have one length, so all lanes take the same blocks, counters and final
 * flag. {@link HashBatch} picks it whenever the incubator module is loaded and the CPU has 256-bit vectors.
 *
 * <p>The width is fixed once per JVM ({@link #SPECIES}, a static final so C2 sees a constant shape and compiles the
 * rounds to vector instructions; a species held in a field would leave every call in the slow Java fallback):
 * {@code floe.hash.vectorBits=auto|256|512}, {@code auto} taking the widest of the two the CPU runs natively.
 * Both widths give the same bytes as the scalar hasher; the build tests them in separate JVMs (encoding/pom.xml).
 *
 * <p>Layout: {@code h[L * word + lane]} and {@code m[L * word + lane]}, so one vector load takes a word of every
 * lane. Message words are gathered with scalar loads (an L x 16 transpose): each is one unaligned 8-byte read,
 * shifted for the word that holds the prefix byte and masked for the word where the message ends; only a message
 * shorter than 8 bytes, or one ending within 8 bytes of its array's end, has a word assembled byte by byte.
 */
final class VectorLaneHasher implements LaneHasher {
    /** The vector shape of this JVM's vector hashing: 4 or 8 lanes of 64 bits. */
    static final VectorSpecies<Long> SPECIES = species(System.getProperty("floe.hash.vectorBits", "auto"));
    private static final VectorSpecies<Long> S = SPECIES;
    private static final int L = S.length();
    /** Input bytes of an inner Merkle node: two child hashes. */
    private static final int INNER_LEN = 2 * DIGEST_LENGTH;

    private final long[] h = new long[8 * L];
    private final long[] m = new long[16 * L];

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int lanes() {
        return L;
    }

    /** True when the CPU has 256-bit integer vectors, so the JIT turns this class's vector code into instructions. */
    static boolean compiledToHardware() {
        return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    /** 512 bits where the JIT compiles them natively (or when asked for), else 256. */
    static VectorSpecies<Long> species(String bits) {
        switch (bits) {
            case "256":
                return LongVector.SPECIES_256;
            case "512":
                return LongVector.SPECIES_512;
            case "auto":
                return LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? LongVector.SPECIES_512 : LongVector.SPECIES_256;
            default:
                throw new IllegalArgumentException("floe.hash.vectorBits must be 256, 512 or auto, not " + bits);
        }
    }

    @Override
    public void hash(byte prefix, int len, byte[][] src, int[] off, int lanes, byte[] out, int[] outOff) {
        for (int w = 0; w < 8; w++) {
            long iv = w == 0 ? IV[0] ^ PARAM_0 : IV[w];
            for (int lane = 0; lane < L; lane++) {
                h[L * w + lane] = iv;
            }
        }
        if (len == INNER_LEN) {
            // Inner Merkle nodes, half of all the encoder's hashes: one block of fixed shape, loaded without branches.
            for (int lane = 0; lane < lanes; lane++) {
                loadInnerNode(prefix, src[lane], off[lane], lane);
            }
            compress(INNER_LEN + 1, true);
        } else {
            long total = len + 1L;
            int blocks = (int) ((total + BLOCK - 1) / BLOCK);
            for (int b = 0; b < blocks; b++) {
                for (int lane = 0; lane < lanes; lane++) {
                    loadBlock(prefix, len, src[lane], off[lane], b * BLOCK, lane);
                }
                compress(Math.min((long) (b + 1) * BLOCK, total), b == blocks - 1);
            }
        }
        for (int lane = 0; lane < lanes; lane++) {
            for (int w = 0; w < DIGEST_LENGTH / 8; w++) {
                LONG_LE.set(out, outOff[lane] + 8 * w, h[L * w + lane]);
            }
        }
    }

    /**
     * The one block of {@code prefix || data[off, off+64)}: word 0 is the prefix and data bytes 0..6, words 1..7 are
     * whole 8-byte reads, word 8 holds data byte 63 alone, the rest is zero padding.
     */
    private void loadInnerNode(byte prefix, byte[] data, int off, int lane) {
        Objects.checkFromIndexSize(off, INNER_LEN, data.length);
        final long[] m = this.m;
        m[lane] = (long) LONG_LE.get(data, off) << 8 | (prefix & 0xFF);
        for (int w = 1; w < 8; w++) {
            m[L * w + lane] = (long) LONG_LE.get(data, off + 8 * w - 1);
        }
        m[L * 8 + lane] = data[off + INNER_LEN - 1] & 0xFF;
        for (int w = 9; w < 16; w++) {
            m[L * w + lane] = 0;
        }
    }

    /**
     * Message bytes [start, start+128) of lane {@code lane} into {@code m}; message byte p is data byte p - 1, and
     * the message has len + 1 bytes. The branches are the same for every lane and block of a call, so they predict.
     */
    private void loadBlock(byte prefix, int len, byte[] data, int off, int start, int lane) {
        // Words [first, full) lie wholly inside the message and past the prefix: one straight counted loop of 8-byte
        // reads, whose bounds checks the JIT can hoist. Profiles showed the per-word branches of word() costing as
        // much as the rounds when every word took them.
        int first = start == 0 ? 1 : 0;
        int full = Math.max(first, Math.min(16, Math.floorDiv(len - 7 - start, 8) + 1));
        int base = off + start - 1;
        for (int w = first; w < full; w++) {
            m[L * w + lane] = (long) LONG_LE.get(data, base + 8 * w);
        }
        if (first == 1) {
            m[lane] = word(prefix, len, data, off, 0);
        }
        // Words past the message's last byte (message byte len) are padding: zero without asking word().
        int used = Math.max(full, Math.min(16, (len - start) / 8 + 1));
        for (int w = full; w < used; w++) {
            m[L * w + lane] = word(prefix, len, data, off, start + 8 * w);
        }
        for (int w = used; w < 16; w++) {
            m[L * w + lane] = 0;
        }
    }

    /** Message word at message byte {@code q}, for any q (loadBlock's fast loop covers the interior ones). */
    private static long word(byte prefix, int len, byte[] data, int off, int q) {
        if (q >= 8 && q + 7 <= len) {
            return (long) LONG_LE.get(data, off + q - 1);
        } else if (q > len) {
            return 0;
        } else if (q == 0 && len >= 8) {
            // Data bytes 0..6 above the prefix; the shift drops byte 7, which the next word reads.
            return (long) LONG_LE.get(data, off) << 8 | (prefix & 0xFF);
        } else if (q >= 8 && off + q + 7 <= data.length) {
            // The message ends inside this word: read the array's next bytes anyway and mask them off.
            return (long) LONG_LE.get(data, off + q - 1) & (-1L >>> (8 * (q + 7 - len)));
        }
        return edgeWord(prefix, len, data, off, q);
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
        LongVector v0 = LongVector.fromArray(S, h, 0), v1 = LongVector.fromArray(S, h, L * 1);
        LongVector v2 = LongVector.fromArray(S, h, L * 2), v3 = LongVector.fromArray(S, h, L * 3);
        LongVector v4 = LongVector.fromArray(S, h, L * 4), v5 = LongVector.fromArray(S, h, L * 5);
        LongVector v6 = LongVector.fromArray(S, h, L * 6), v7 = LongVector.fromArray(S, h, L * 7);
        LongVector v8 = LongVector.broadcast(S, IV[0]), v9 = LongVector.broadcast(S, IV[1]);
        LongVector v10 = LongVector.broadcast(S, IV[2]), v11 = LongVector.broadcast(S, IV[3]);
        LongVector v12 = LongVector.broadcast(S, IV[4] ^ t), v13 = LongVector.broadcast(S, IV[5]);
        LongVector v14 = LongVector.broadcast(S, last ? ~IV[6] : IV[6]), v15 = LongVector.broadcast(S, IV[7]);
        for (int s = 0; s < SIGMA.length; s += 16) {
            v0 = v0.add(v4).add(LongVector.fromArray(S, m, L * SIGMA[s + 0]));
            v12 = v12.lanewise(XOR, v0).lanewise(ROR, 32); v8 = v8.add(v12);
            v4 = v4.lanewise(XOR, v8).lanewise(ROR, 24);
            v0 = v0.add(v4).add(LongVector.fromArray(S, m, L * SIGMA[s + 1]));
            v12 = v12.lanewise(XOR, v0).lanewise(ROR, 16); v8 = v8.add(v12);
            v4 = v4.lanewise(XOR, v8).lanewise(ROR, 63);
            v1 = v1.add(v5).add(LongVector.fromArray(S, m, L * SIGMA[s + 2]));
            v13 = v13.lanewise(XOR, v1).lanewise(ROR, 32); v9 = v9.add(v13);
            v5 = v5.lanewise(XOR, v9).lanewise(ROR, 24);
            v1 = v1.add(v5).add(LongVector.fromArray(S, m, L * SIGMA[s + 3]));
            v13 = v13.lanewise(XOR, v1).lanewise(ROR, 16); v9 = v9.add(v13);
            v5 = v5.lanewise(XOR, v9).lanewise(ROR, 63);
            v2 = v2.add(v6).add(LongVector.fromArray(S, m, L * SIGMA[s + 4]));
            v14 = v14.lanewise(XOR, v2).lanewise(ROR, 32); v10 = v10.add(v14);
            v6 = v6.lanewise(XOR, v10).lanewise(ROR, 24);
            v2 = v2.add(v6).add(LongVector.fromArray(S, m, L * SIGMA[s + 5]));
            v14 = v14.lanewise(XOR, v2).lanewise(ROR, 16); v10 = v10.add(v14);
            v6 = v6.lanewise(XOR, v10).lanewise(ROR, 63);
            v3 = v3.add(v7).add(LongVector.fromArray(S, m, L * SIGMA[s + 6]));
            v15 = v15.lanewise(XOR, v3).lanewise(ROR, 32); v11 = v11.add(v15);
            v7 = v7.lanewise(XOR, v11).lanewise(ROR, 24);
            v3 = v3.add(v7).add(LongVector.fromArray(S, m, L * SIGMA[s + 7]));
            v15 = v15.lanewise(XOR, v3).lanewise(ROR, 16); v11 = v11.add(v15);
            v7 = v7.lanewise(XOR, v11).lanewise(ROR, 63);
            v0 = v0.add(v5).add(LongVector.fromArray(S, m, L * SIGMA[s + 8]));
            v15 = v15.lanewise(XOR, v0).lanewise(ROR, 32); v10 = v10.add(v15);
            v5 = v5.lanewise(XOR, v10).lanewise(ROR, 24);
            v0 = v0.add(v5).add(LongVector.fromArray(S, m, L * SIGMA[s + 9]));
            v15 = v15.lanewise(XOR, v0).lanewise(ROR, 16); v10 = v10.add(v15);
            v5 = v5.lanewise(XOR, v10).lanewise(ROR, 63);
            v1 = v1.add(v6).add(LongVector.fromArray(S, m, L * SIGMA[s + 10]));
            v12 = v12.lanewise(XOR, v1).lanewise(ROR, 32); v11 = v11.add(v12);
            v6 = v6.lanewise(XOR, v11).lanewise(ROR, 24);
            v1 = v1.add(v6).add(LongVector.fromArray(S, m, L * SIGMA[s + 11]));
            v12 = v12.lanewise(XOR, v1).lanewise(ROR, 16); v11 = v11.add(v12);
            v6 = v6.lanewise(XOR, v11).lanewise(ROR, 63);
            v2 = v2.add(v7).add(LongVector.fromArray(S, m, L * SIGMA[s + 12]));
            v13 = v13.lanewise(XOR, v2).lanewise(ROR, 32); v8 = v8.add(v13);
            v7 = v7.lanewise(XOR, v8).lanewise(ROR, 24);
            v2 = v2.add(v7).add(LongVector.fromArray(S, m, L * SIGMA[s + 13]));
            v13 = v13.lanewise(XOR, v2).lanewise(ROR, 16); v8 = v8.add(v13);
            v7 = v7.lanewise(XOR, v8).lanewise(ROR, 63);
            v3 = v3.add(v4).add(LongVector.fromArray(S, m, L * SIGMA[s + 14]));
            v14 = v14.lanewise(XOR, v3).lanewise(ROR, 32); v9 = v9.add(v14);
            v4 = v4.lanewise(XOR, v9).lanewise(ROR, 24);
            v3 = v3.add(v4).add(LongVector.fromArray(S, m, L * SIGMA[s + 15]));
            v14 = v14.lanewise(XOR, v3).lanewise(ROR, 16); v9 = v9.add(v14);
            v4 = v4.lanewise(XOR, v9).lanewise(ROR, 63);
        }
        LongVector.fromArray(S, h, 0).lanewise(XOR, v0).lanewise(XOR, v8).intoArray(h, 0);
        LongVector.fromArray(S, h, L * 1).lanewise(XOR, v1).lanewise(XOR, v9).intoArray(h, L * 1);
        LongVector.fromArray(S, h, L * 2).lanewise(XOR, v2).lanewise(XOR, v10).intoArray(h, L * 2);
        LongVector.fromArray(S, h, L * 3).lanewise(XOR, v3).lanewise(XOR, v11).intoArray(h, L * 3);
        LongVector.fromArray(S, h, L * 4).lanewise(XOR, v4).lanewise(XOR, v12).intoArray(h, L * 4);
        LongVector.fromArray(S, h, L * 5).lanewise(XOR, v5).lanewise(XOR, v13).intoArray(h, L * 5);
        LongVector.fromArray(S, h, L * 6).lanewise(XOR, v6).lanewise(XOR, v14).intoArray(h, L * 6);
        LongVector.fromArray(S, h, L * 7).lanewise(XOR, v7).lanewise(XOR, v15).intoArray(h, L * 7);
    }
}
