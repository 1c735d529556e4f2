package io.floe.encoding.merkle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Unkeyed BLAKE2b (RFC 7693) with a 32-byte digest, the hash Walrus uses for Merkle trees and blob IDs
 * ({@code fastcrypto::hash::Blake2b256}).
 *
 * <p>Invariant: between calls an instance is either fresh or holds exactly the bytes passed to {@code update} since
 * the last {@code digest}; {@code digest}, {@link #leafHash} and {@link #innerHash} always leave it fresh. It
 * allocates nothing after construction, so callers that hash often keep one (MerkleTree keeps one per thread).
 * Not thread-safe; {@link #hash(byte[]...)} is the thread-safe convenience.
 */
public final class Blake2b256 {
    /** Digest length in bytes. */
    public static final int DIGEST_LENGTH = 32;

    static final int BLOCK = 128;
    static final byte LEAF_PREFIX = 0;
    static final byte INNER_PREFIX = 1;
    static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final long[] IV = {
        0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
        0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L,
    };
    /** Parameter block word 0: digest length 32, key length 0, fanout 1, depth 1. */
    static final long PARAM_0 = 0x01010000L | DIGEST_LENGTH;

    /** Message word schedule for the 12 rounds; rounds 10 and 11 repeat rows 0 and 1 (RFC 7693 §2.7). */
    static final byte[] SIGMA = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    };

    private final long[] h = new long[8];
    private final long[] m = new long[16];
    private final byte[] buffer = new byte[BLOCK];
    private int buffered;
    /** Bytes compressed so far, as the 128-bit counter (t0 low, t1 high) of the spec. */
    private long t0;
    private long t1;

    public Blake2b256() {
        reset();
    }

    /** Blake2b-256 of the concatenation of {@code parts}. Thread-safe (uses a fresh instance). */
    public static byte[] hash(byte[]... parts) {
        Blake2b256 hasher = new Blake2b256();
        for (byte[] part : parts) {
            hasher.update(part);
        }
        return hasher.digest();
    }

    /** Forgets any buffered input. */
    public Blake2b256 reset() {
        System.arraycopy(IV, 0, h, 0, 8);
        h[0] ^= PARAM_0;
        buffered = 0;
        t0 = 0;
        t1 = 0;
        return this;
    }

    public Blake2b256 update(byte b) {
        if (buffered == BLOCK) {
            compressBuffer();
        }
        buffer[buffered++] = b;
        return this;
    }

    public Blake2b256 update(byte[] data) {
        return update(data, 0, data.length);
    }

    public Blake2b256 update(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (len == 0) {
            return this;
        }
        int pos = off;
        int left = len;
        // The last block must stay buffered until digest() sets the final flag, so a block is only compressed
        // once at least one more byte is known to follow it.
        if (left > BLOCK - buffered) {
            int fill = BLOCK - buffered;
            System.arraycopy(data, pos, buffer, buffered, fill);
            pos += fill;
            left -= fill;
            buffered = BLOCK;
            compressBuffer();
            while (left > BLOCK) {
                count(BLOCK);
                compress(data, pos, false);
                pos += BLOCK;
                left -= BLOCK;
            }
        }
        System.arraycopy(data, pos, buffer, buffered, left);
        buffered += left;
        return this;
    }

    /** Writes the digest of everything updated so far to {@code out[outOff, outOff+32)} and resets. */
    public void digest(byte[] out, int outOff) {
        Objects.checkFromIndexSize(outOff, DIGEST_LENGTH, out.length);
        count(buffered);
        Arrays.fill(buffer, buffered, BLOCK, (byte) 0);
        compress(buffer, 0, true);
        for (int i = 0; i < 4; i++) {
            LONG_LE.set(out, outOff + 8 * i, h[i]);
        }
        reset();
    }

    /** The digest of everything updated so far; resets. */
    public byte[] digest() {
        byte[] out = new byte[DIGEST_LENGTH];
        digest(out, 0);
        return out;
    }

    /** Walrus Merkle leaf hash {@code H(0x00 || data[off, off+len))} into {@code out[outOff, outOff+32)}. */
    public void leafHash(byte[] data, int off, int len, byte[] out, int outOff) {
        prefixedHash(LEAF_PREFIX, data, off, len, out, outOff);
    }

    /** {@code H(prefix || data[off, off+len))} into {@code out[outOff, outOff+32)}; out must not overlap data. */
    void prefixedHash(byte prefix, byte[] data, int off, int len, byte[] out, int outOff) {
        reset();
        buffer[0] = prefix;
        buffered = 1;
        update(data, off, len);
        digest(out, outOff);
    }

    /** Walrus Merkle inner hash {@code H(0x01 || left || right)} of two 32-byte nodes; out may alias either. */
    public void innerHash(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
        Objects.checkFromIndexSize(leftOff, DIGEST_LENGTH, left.length);
        Objects.checkFromIndexSize(rightOff, DIGEST_LENGTH, right.length);
        reset();
        // 65 bytes fit one block: copy both children in before digest() writes, so aliasing out is safe.
        buffer[0] = INNER_PREFIX;
        System.arraycopy(left, leftOff, buffer, 1, DIGEST_LENGTH);
        System.arraycopy(right, rightOff, buffer, 1 + DIGEST_LENGTH, DIGEST_LENGTH);
        buffered = 1 + 2 * DIGEST_LENGTH;
        digest(out, outOff);
    }

    private void compressBuffer() {
        count(BLOCK);
        compress(buffer, 0, false);
        buffered = 0;
    }

    private void count(int bytes) {
        t0 += bytes;
        if (Long.compareUnsigned(t0, bytes) < 0) {
            t1++;
        }
    }

    private void compress(byte[] block, int off, boolean last) {
        for (int i = 0; i < 16; i++) {
            m[i] = (long) LONG_LE.get(block, off + 8 * i);
        }
        rounds(last);
    }

    /**
     * The 12 BLAKE2b rounds over {@link #m}, folded into {@link #h}. The state lives in 16 locals rather than an
     * array so the JIT keeps it in registers; each G is spelled out inline, two lines for its two half-steps, because a
     * method cannot update four locals of its caller. This is the encoder's hottest loop.
     */
    private void rounds(boolean last) {
        final long[] w = m;
        long v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        long v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3];
        long v12 = IV[4] ^ t0, v13 = IV[5] ^ t1, v14 = last ? ~IV[6] : IV[6], v15 = IV[7];
        for (int s = 0; s < SIGMA.length; s += 16) {
            v0 += v4 + w[SIGMA[s]]; v12 = ror(v12 ^ v0, 32); v8 += v12; v4 = ror(v4 ^ v8, 24);
            v0 += v4 + w[SIGMA[s + 1]]; v12 = ror(v12 ^ v0, 16); v8 += v12; v4 = ror(v4 ^ v8, 63);
            v1 += v5 + w[SIGMA[s + 2]]; v13 = ror(v13 ^ v1, 32); v9 += v13; v5 = ror(v5 ^ v9, 24);
            v1 += v5 + w[SIGMA[s + 3]]; v13 = ror(v13 ^ v1, 16); v9 += v13; v5 = ror(v5 ^ v9, 63);
            v2 += v6 + w[SIGMA[s + 4]]; v14 = ror(v14 ^ v2, 32); v10 += v14; v6 = ror(v6 ^ v10, 24);
            v2 += v6 + w[SIGMA[s + 5]]; v14 = ror(v14 ^ v2, 16); v10 += v14; v6 = ror(v6 ^ v10, 63);
            v3 += v7 + w[SIGMA[s + 6]]; v15 = ror(v15 ^ v3, 32); v11 += v15; v7 = ror(v7 ^ v11, 24);
            v3 += v7 + w[SIGMA[s + 7]]; v15 = ror(v15 ^ v3, 16); v11 += v15; v7 = ror(v7 ^ v11, 63);
            v0 += v5 + w[SIGMA[s + 8]]; v15 = ror(v15 ^ v0, 32); v10 += v15; v5 = ror(v5 ^ v10, 24);
            v0 += v5 + w[SIGMA[s + 9]]; v15 = ror(v15 ^ v0, 16); v10 += v15; v5 = ror(v5 ^ v10, 63);
            v1 += v6 + w[SIGMA[s + 10]]; v12 = ror(v12 ^ v1, 32); v11 += v12; v6 = ror(v6 ^ v11, 24);
            v1 += v6 + w[SIGMA[s + 11]]; v12 = ror(v12 ^ v1, 16); v11 += v12; v6 = ror(v6 ^ v11, 63);
            v2 += v7 + w[SIGMA[s + 12]]; v13 = ror(v13 ^ v2, 32); v8 += v13; v7 = ror(v7 ^ v8, 24);
            v2 += v7 + w[SIGMA[s + 13]]; v13 = ror(v13 ^ v2, 16); v8 += v13; v7 = ror(v7 ^ v8, 63);
            v3 += v4 + w[SIGMA[s + 14]]; v14 = ror(v14 ^ v3, 32); v9 += v14; v4 = ror(v4 ^ v9, 24);
            v3 += v4 + w[SIGMA[s + 15]]; v14 = ror(v14 ^ v3, 16); v9 += v14; v4 = ror(v4 ^ v9, 63);
        }
        h[0] ^= v0 ^ v8; h[1] ^= v1 ^ v9; h[2] ^= v2 ^ v10; h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12; h[5] ^= v5 ^ v13; h[6] ^= v6 ^ v14; h[7] ^= v7 ^ v15;
    }

    /** Kept as a one-liner so the JIT inlines it to a rotate instruction while the round lines stay readable. */
    private static long ror(long x, int n) {
        return Long.rotateRight(x, n);
    }
}
