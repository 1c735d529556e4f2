package io.floe.encoding.rs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector kernel (128- and 512-bit, whichever this machine runs natively) and the native engine on each ISA
 * the CPU runs must give exactly the scalar kernel's bytes: for every method, on random regions at nonzero offsets, for edge and random logarithms, and
 * through a whole encode and decode at Walrus's shard counts.
 */
class GfKernelEquivalenceTest {
    private static final GfKernel SCALAR = GfKernels.scalar();
    /** The vector kernels and the native engine on every ISA this CPU runs (scalar C, AVX2, AVX-512, GFNI). */
    private static final List<GfKernel> VECTORS = java.util.stream.Stream.concat(
        GfKernels.vectorKernels().stream(), GfKernels.nativeKernels().stream()).collect(Collectors.toList());
    private static final int REGIONS_PER_LOG = 6;

    /** One kernel call on two arrays; for single-input methods {@code b} is the source. */
    private interface Op {
        void apply(GfKernel kernel, byte[] a, byte[] b, int off, int len, int log);
    }

    static IntStream logs() {
        SplittableRandom random = new SplittableRandom(16);
        IntStream edges = IntStream.of(0, 1, 2, 255, 256, 32767, 65533, 65534, 65535);
        return IntStream.concat(edges, random.ints(48, 0, Gf16.ORDER));
    }

    @ParameterizedTest(name = "log {0}")
    @MethodSource("logs")
    void mulAddMatchesScalar(int log) {
        assertSameBytes(log, (k, a, b, off, len, l) -> k.mulAdd(a, b, off, len, l));
    }

    @ParameterizedTest(name = "log {0}")
    @MethodSource("logs")
    void mulIntoAnotherArrayMatchesScalar(int log) {
        assertSameBytes(log, (k, a, b, off, len, l) -> k.mul(a, b, off, len, l));
    }

    @ParameterizedTest(name = "log {0}")
    @MethodSource("logs")
    void mulInPlaceMatchesScalar(int log) {
        assertSameBytes(log, (k, a, b, off, len, l) -> k.mul(a, a, off, len, l));
    }

    @ParameterizedTest(name = "log {0}")
    @MethodSource("logs")
    void fftButterflyMatchesScalar(int log) {
        assertSameBytes(log, (k, a, b, off, len, l) -> k.fftButterfly(a, b, off, len, l));
    }

    @ParameterizedTest(name = "log {0}")
    @MethodSource("logs")
    void ifftButterflyMatchesScalar(int log) {
        assertSameBytes(log, (k, a, b, off, len, l) -> k.ifftButterfly(a, b, off, len, l));
    }

    @Test
    void xorMatchesScalar() {
        assertSameBytes(0, (k, a, b, off, len, l) -> k.xor(a, b, off, len));
    }

    /** Both radix-4 steps on four rows, with nonzero and zero (65535) twiddles, against the scalar kernel. */
    @ParameterizedTest(name = "logs {0} {1} {2}")
    @CsvSource({"1, 2, 3", "40000, 7, 65534", "65535, 5, 9", "5, 65535, 9", "5, 9, 65535", "65535, 65535, 65535"})
    void twoLayerStepsMatchScalar(int log01, int log23, int log02) {
        SplittableRandom random = new SplittableRandom(log01 + 3L * log23 + 7L * log02);
        int off = 128;
        int len = 64 * 37;
        byte[][] rows = new byte[4][off + len + 64];
        for (byte[] row : rows) {
            random.nextBytes(row);
        }
        for (boolean inverse : new boolean[] {false, true}) {
            byte[][] expected = twoLayers(SCALAR, rows, off, len, inverse, log01, log23, log02);
            for (GfKernel vector : VECTORS) {
                byte[][] actual = twoLayers(vector, rows, off, len, inverse, log01, log23, log02);
                assertShardsEqual(expected, actual, vector.name() + (inverse ? " ifft" : " fft"));
            }
        }
    }

    private static byte[][] twoLayers(GfKernel k, byte[][] rows, int off, int len, boolean inverse, int... logs) {
        byte[][] r = {rows[0].clone(), rows[1].clone(), rows[2].clone(), rows[3].clone()};
        if (inverse) {
            k.ifftTwoLayers(r[0], r[1], r[2], r[3], off, len, logs[0], logs[1], logs[2]);
        } else {
            k.fftTwoLayers(r[0], r[1], r[2], r[3], off, len, logs[0], logs[1], logs[2]);
        }
        return r;
    }

    /** Independent of the scalar kernel: one region holding every field element, checked lane by lane. */
    @ParameterizedTest(name = "log {0}")
    @CsvSource({"0", "1", "7", "40000", "65534", "65535"})
    void multipliesEveryElementAsGf16Does(int log) {
        byte[] region = new byte[2 * Gf16.ORDER];
        for (int x = 0; x < Gf16.ORDER; x++) {
            setLane(region, x, x);
        }
        for (GfKernel vector : VECTORS) {
            byte[] product = region.clone();
            vector.mul(product, product, 0, product.length, log);
            for (int x = 0; x < Gf16.ORDER; x++) {
                assertEquals(Gf16.mulLog(x, log), lane(product, x), vector.name() + " x=" + x);
            }
        }
    }

    @ParameterizedTest(name = "({0}, {1}, {2})")
    // From 2 KiB chunks the native engine reads the originals straight from their arrays (its first IFFT layer, or a
    // copy in C when C < 4) and writes recovery straight into theirs: its last FFT layer when C is an odd power of
    // two (32, 128, 512), a copy in C otherwise (C = 1, 64); low and high rate, with and without tail.
    @CsvSource({"334, 666, 4130", "667, 333, 130", "5, 1, 4096", "40, 24, 2048", "24, 40, 2080", "100, 156, 4096",
        "60, 200, 2048"})
    void encodesAndDecodesLikeScalar(int k, int m, int s) {
        RsParameters params = new RsParameters(k, m, s);
        ReedSolomon scalar = new ReedSolomon(params, SCALAR);
        byte[][] originals = ReedSolomonTest.randomShards(new SplittableRandom(k), k, s);
        byte[][] recovery = scalar.encode(originals);

        int drop = Math.min(k, m);
        byte[][] givenOriginals = originals.clone();
        byte[][] givenRecovery = new byte[m][];
        for (int i = 0; i < drop; i++) {
            givenOriginals[i] = null;
            givenRecovery[m - 1 - i] = recovery[m - 1 - i];
        }
        byte[][] fromScalar = scalar.decode(givenOriginals.clone(), givenRecovery.clone());
        for (GfKernel kernel : VECTORS) {
            ReedSolomon vector = new ReedSolomon(params, kernel);
            assertShardsEqual(recovery, vector.encode(originals), kernel.name() + " recovery");
            byte[][] fromVector = vector.decode(givenOriginals.clone(), givenRecovery.clone());
            assertShardsEqual(fromScalar, fromVector, kernel.name() + " restored");
            assertShardsEqual(originals, fromVector, kernel.name() + " original");
        }
    }

    /** Runs {@code op} with both kernels on the same random inputs and compares every byte of both arrays. */
    private static void assertSameBytes(int log, Op op) {
        SplittableRandom random = new SplittableRandom(31L * log + 7);
        for (int r = 0; r < REGIONS_PER_LOG; r++) {
            int len = 64 * (1 + random.nextInt(128));
            int off = 64 * (1 + random.nextInt(4));
            int size = off + len + 64 * random.nextInt(3);
            byte[] a = new byte[size];
            byte[] b = new byte[size];
            random.nextBytes(a);
            random.nextBytes(b);
            byte[] sa = a.clone();
            byte[] sb = b.clone();
            op.apply(SCALAR, sa, sb, off, len, log);
            for (GfKernel vector : VECTORS) {
                byte[] va = a.clone();
                byte[] vb = b.clone();
                op.apply(vector, va, vb, off, len, log);
                String where = vector.name() + " log=" + log + " off=" + off + " len=" + len;
                assertArrayEquals(sa, va, "first array, " + where);
                assertArrayEquals(sb, vb, "second array, " + where);
            }
        }
    }

    private static void assertShardsEqual(byte[][] expected, byte[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + " count");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], what + " " + i);
        }
    }

    /** Lane x of a region in block layout (RS16-SPEC.md §7). */
    private static void setLane(byte[] region, int x, int value) {
        int pos = x / 32 * 64 + x % 32;
        region[pos] = (byte) value;
        region[pos + 32] = (byte) (value >>> 8);
    }

    private static int lane(byte[] region, int x) {
        int pos = x / 32 * 64 + x % 32;
        return (region[pos] & 0xFF) | (region[pos + 32] & 0xFF) << 8;
    }
}
