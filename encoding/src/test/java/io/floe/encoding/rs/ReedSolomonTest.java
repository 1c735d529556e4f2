package io.floe.encoding.rs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReedSolomonTest {
    @ParameterizedTest(name = "({0}, {1}, {2})")
    @CsvSource({"2,3,2", "3,5,6", "4,6,64", "7,3,8", "4,6,70", "34,66,2", "67,33,4", "334,666,2", "667,333,2",
        "1,1,2", "3,3,2", "8,8,2", "5,7,4", "7,5,4", "1000,24,2", "24,1000,2", "4,6,130"})
    void restoresTheFirstOriginalsFromTheLastRecoveryShards(int k, int m, int s) {
        byte[][] originals = ReedSolomonVectorsTest.originals(k, s);
        byte[][] recovery = ReedSolomonVectorsTest.encode(k, m, s);
        int drop = Math.min(k, m);
        byte[][] givenOriginals = originals.clone();
        byte[][] givenRecovery = new byte[m][];
        for (int i = 0; i < drop; i++) {
            givenOriginals[i] = null;
            givenRecovery[m - 1 - i] = recovery[m - 1 - i];
        }
        byte[][] restored = codec(k, m, s).decode(givenOriginals, givenRecovery);
        for (int i = 0; i < k; i++) {
            assertArrayEquals(originals[i], restored[i], "original " + i);
        }
    }

    @Test
    void everyErasurePatternOfSmallCodesDecodes() {
        int[][] shapes = {{2, 2}, {3, 4}, {4, 6}, {5, 3}, {6, 4}};
        SplittableRandom random = new SplittableRandom(42);
        for (int[] shape : shapes) {
            int k = shape[0];
            int m = shape[1];
            int s = 66;
            byte[][] originals = randomShards(random, k, s);
            byte[][] recovery = codec(k, m, s).encode(originals);
            int n = k + m;
            for (int mask = 0; mask < 1 << n; mask++) {
                if (Integer.bitCount(mask) < k) {
                    continue;
                }
                byte[][] restored = codec(k, m, s).decode(select(originals, mask, 0), select(recovery, mask, k));
                for (int i = 0; i < k; i++) {
                    assertArrayEquals(originals[i], restored[i], "k=" + k + " m=" + m + " mask=" + mask);
                }
            }
        }
    }

    @Test
    void seededRandomPatternsDecodeAtWalrusSizes() {
        SplittableRandom random = new SplittableRandom(1000);
        int[][] shapes = {{334, 666}, {667, 333}};
        for (int[] shape : shapes) {
            int k = shape[0];
            int m = shape[1];
            int s = 130;
            byte[][] originals = randomShards(random, k, s);
            byte[][] recovery = codec(k, m, s).encode(originals);
            for (int trial = 0; trial < 4; trial++) {
                long[] mask = randomSubset(random, k + m, k + trial);
                byte[][] restored = codec(k, m, s).decode(pick(originals, mask, 0), pick(recovery, mask, k));
                for (int i = 0; i < k; i++) {
                    assertArrayEquals(originals[i], restored[i], "k=" + k + " trial " + trial + " original " + i);
                }
            }
        }
    }

    @Test
    void largeShardsSpanSeveralChunksAndDecode() {
        SplittableRandom random = new SplittableRandom(5);
        int k = 34;
        int m = 66;
        int s = 64 * 1024 + 38;
        byte[][] originals = randomShards(random, k, s);
        byte[][] recovery = codec(k, m, s).encode(originals);
        byte[][] given = new byte[k][];
        byte[][] rec = recovery.clone();
        byte[][] restored = codec(k, m, s).decode(given, rec);
        for (int i = 0; i < k; i++) {
            assertArrayEquals(originals[i], restored[i]);
        }
    }

    @Test
    void receivingAllOriginalsRestoresNothing() {
        byte[][] originals = ReedSolomonVectorsTest.originals(4, 8);
        byte[][] out = codec(4, 2, 8).decode(originals.clone(), new byte[2][]);
        for (int i = 0; i < 4; i++) {
            assertSame(originals[i], out[i]);
        }
    }

    @Test
    void rejectsBadParametersAndShards() {
        assertThrows(InvalidShardSizeException.class, () -> new RsParameters(4, 2, 3));
        assertThrows(InvalidShardSizeException.class, () -> new RsParameters(4, 2, 0));
        assertThrows(UnsupportedShardCountException.class, () -> new RsParameters(0, 2, 2));
        assertThrows(UnsupportedShardCountException.class, () -> new RsParameters(4, 0, 2));
        assertThrows(UnsupportedShardCountException.class, () -> new RsParameters(65535, 2, 2));
        assertThrows(UnsupportedShardCountException.class, () -> new RsParameters(40000, 40000, 2));
        byte[][] tooFew = new byte[4][];
        tooFew[0] = new byte[8];
        NotEnoughShardsException e = assertThrows(NotEnoughShardsException.class,
            () -> codec(4, 2, 8).decode(tooFew, new byte[][] {new byte[8], new byte[8]}));
        assertEquals(3, e.received());
        assertEquals(4, e.needed());
        assertThrows(InvalidShardSizeException.class,
            () -> codec(2, 2, 8).encode(new byte[][] {new byte[8], new byte[6]}));
    }

    private static ReedSolomon codec(int k, int m, int s) {
        return new ReedSolomon(new RsParameters(k, m, s), GfKernels.defaultKernel());
    }

    static byte[][] randomShards(SplittableRandom random, int count, int s) {
        byte[][] out = new byte[count][s];
        for (byte[] shard : out) {
            random.nextBytes(shard);
        }
        return out;
    }

    private static byte[][] select(byte[][] shards, int mask, int shift) {
        byte[][] out = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            if ((mask >>> (i + shift) & 1) != 0) {
                out[i] = shards[i];
            }
        }
        return out;
    }

    private static long[] randomSubset(SplittableRandom random, int n, int size) {
        long[] bits = new long[(n + 63) / 64];
        int chosen = 0;
        while (chosen < size) {
            int i = random.nextInt(n);
            if ((bits[i >>> 6] >>> i & 1) == 0) {
                bits[i >>> 6] |= 1L << i;
                chosen++;
            }
        }
        return bits;
    }

    private static byte[][] pick(byte[][] shards, long[] bits, int shift) {
        byte[][] out = new byte[shards.length][];
        for (int i = 0; i < shards.length; i++) {
            int bit = i + shift;
            if ((bits[bit >>> 6] >>> bit & 1) != 0) {
                out[i] = shards[i];
            }
        }
        return out;
    }
}
