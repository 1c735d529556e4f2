package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.floe.encoding.rs.GfKernel;
import io.floe.encoding.rs.GfKernels;
import io.floe.encoding.rs.ReedSolomon;
import io.floe.encoding.rs.RsParameters;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The batched axis code (symbols packed into wide shards) against one Reed-Solomon call per symbol position. */
class AxisCoderTest {
    @Test
    void packingRoundTripsEverySymbolSizeUpTo400() {
        Random random = new Random(17);
        for (int s = 2; s <= 400; s += 2) {
            for (int count : new int[] {1, 2, 3, 7, 33}) {
                byte[] symbols = new byte[count * s + 5];
                random.nextBytes(symbols);
                byte[] wide = new byte[count * s];
                SymbolPacking.pack(symbols, 5, count, s, wide);
                byte[] back = new byte[count * s + 5];
                SymbolPacking.unpack(wide, count, s, back, 5);
                assertArrayEquals(Arrays.copyOfRange(symbols, 5, symbols.length),
                    Arrays.copyOfRange(back, 5, back.length),
                    "s = " + s + ", count = " + count);
            }
        }
    }

    @Test
    void encodesEachSymbolPositionAsItsOwnCodeword() {
        Random random = new Random(23);
        for (int s : new int[] {2, 4, 46, 62, 64, 66, 128, 130, 302, 1000}) {
            assertEncodesEachPosition(random, s, 3 + random.nextInt(40));
        }
    }

    /** 2-byte symbols have their own packing loop: widths around the 32-lane blocks and its short last block. */
    @Test
    void encodesTwoByteSymbolsOfEveryWidthAroundTheBlocks() {
        Random random = new Random(29);
        for (int width = 1; width <= 100; width++) {
            assertEncodesEachPosition(random, 2, width);
        }
    }

    @Test
    void encodingInPlaceOverwritesStaleRecoveryAndRestoresTheSources() {
        Random random = new Random(31);
        for (int s : new int[] {2, 46, 64, 302}) {
            int width = 1 + random.nextInt(70);
            byte[][] sources = new byte[6][width * s];
            for (byte[] source : sources) {
                random.nextBytes(source);
            }
            byte[][] kept = Arrays.stream(sources).map(byte[]::clone).toArray(byte[][]::new);
            byte[][] expected = AxisCoder.encode(GfKernels.defaultKernel(), kept, 5, width, s);
            byte[][] recovery = new byte[5][width * s];
            for (byte[] stale : recovery) {
                random.nextBytes(stale);
            }
            AxisCoder.encodeInPlace(GfKernels.defaultKernel(), sources, recovery, width, s, true);
            for (int j = 0; j < 5; j++) {
                assertArrayEquals(expected[j], recovery[j], "s = " + s + ", recovery " + j);
            }
            for (int i = 0; i < sources.length; i++) {
                assertArrayEquals(kept[i], sources[i], "s = " + s + ", source " + i + " restored");
            }
        }
    }

    /**
     * The native engine encodes runs of symbols straight from their layout (rs_symbols.c copies each symbol's
     * blocks and tail itself) where the padding is small, and packs otherwise: on every instruction set this CPU
     * runs, the same recovery as the scalar kernel's packed path, with the sources untouched. The shapes split
     * chunks inside symbols and between a symbol's blocks and its tail, take several pinned calls at (334, 666),
     * and run both rates.
     */
    @Test
    void nativeSymbolRunsMatchThePackedScalarEncode() {
        Assumptions.assumeTrue(GfKernels.nativeAvailable(), "native RS engine not loaded");
        Random random = new Random(37);
        int[][] shapes = {{5, 4, 302, 400}, {5, 4, 574, 31}, {3, 7, 1000, 17}, {5, 4, 64, 9}, {5, 4, 5000, 3},
            {334, 666, 302, 120}, {667, 333, 302, 21}, {34, 66, 130, 75}, {5, 4, 2, 33},
            // Tails of 1, 3, 8 and 15 bytes per half, each length class rs_symbols.c copies its own way.
            {5, 4, 514, 7}, {5, 4, 518, 5}, {5, 4, 400, 9}, {5, 4, 286, 11}};
        for (int[] shape : shapes) {
            int k = shape[0];
            int m = shape[1];
            int s = shape[2];
            int width = shape[3];
            byte[][] sources = new byte[k][width * s];
            for (byte[] source : sources) {
                random.nextBytes(source);
            }
            byte[][] kept = Arrays.stream(sources).map(byte[]::clone).toArray(byte[][]::new);
            byte[][] expected = AxisCoder.encode(GfKernels.scalar(), sources, m, width, s);
            for (GfKernel kernel : GfKernels.nativeKernels()) {
                byte[][] recovery = new byte[m][width * s];
                for (byte[] stale : recovery) {
                    random.nextBytes(stale);
                }
                AxisCoder.encodeInPlace(kernel, sources, recovery, width, s, true);
                String where = kernel.name() + ", k = " + k + ", m = " + m + ", s = " + s + ", width = " + width;
                for (int j = 0; j < m; j++) {
                    assertArrayEquals(expected[j], recovery[j], where + ", recovery " + j);
                }
                for (int i = 0; i < k; i++) {
                    assertArrayEquals(kept[i], sources[i], where + ", source " + i + " untouched");
                }
            }
        }
    }

    private static void assertEncodesEachPosition(Random random, int s, int width) {
        int k = 5;
        int m = 4;
        byte[][] sources = new byte[k][width * s];
        for (byte[] source : sources) {
            random.nextBytes(source);
        }
        byte[][] batched = AxisCoder.encode(GfKernels.defaultKernel(), sources, m, width, s);
        ReedSolomon single = new ReedSolomon(new RsParameters(k, m, s));
        for (int c = 0; c < width; c++) {
            byte[][] column = new byte[k][];
            for (int i = 0; i < k; i++) {
                column[i] = Arrays.copyOfRange(sources[i], c * s, (c + 1) * s);
            }
            byte[][] expected = single.encode(column);
            for (int j = 0; j < m; j++) {
                assertArrayEquals(expected[j], Arrays.copyOfRange(batched[j], c * s, (c + 1) * s),
                    "s = " + s + ", width = " + width + ", position " + c + ", recovery " + j);
            }
        }
    }
}
