package io.floe.encoding.redstuff;

import io.floe.encoding.merkle.Blake2b256;
import java.util.stream.IntStream;

/**
 * Leaf hashes of every possible 2-byte symbol, computed once per JVM (65,536 hashes, 2 MiB, ~20 ms). Small blobs
 * use 2-byte symbols, and at n = 1000 their expanded matrix has a million of them: looking the leaf hashes up
 * instead of computing them removes a third of the encoder's hashing.
 */
final class TwoByteLeafHashes {
    /** Below this many expanded symbols, building the table costs more than it saves. */
    static final long WORTHWHILE_SYMBOLS = 4L * 65536;
    private static final byte[] TABLE = build();

    private TwoByteLeafHashes() {
    }

    private static byte[] build() {
        byte[] table = new byte[65536 * 32];
        IntStream.range(0, 256).parallel().forEach(hi -> {
            Blake2b256 hasher = new Blake2b256();
            byte[] symbol = new byte[2];
            for (int lo = 0; lo < 256; lo++) {
                symbol[0] = (byte) lo;
                symbol[1] = (byte) hi;
                hasher.leafHash(symbol, 0, 2, table, (hi << 8 | lo) * 32);
            }
        });
        return table;
    }

    /** Copies the leaf hash of the 2-byte symbol at {@code src[off]} to {@code out[outOff]}. */
    static void copy(byte[] src, int off, byte[] out, int outOff) {
        int value = (src[off] & 0xFF) | (src[off + 1] & 0xFF) << 8;
        System.arraycopy(TABLE, value * 32, out, outOff, 32);
    }
}
