package io.floe.encoding.rs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector kernel must give exactly the scalar kernel's bytes: for every method, on random regions at nonzero
 * offsets, for edge and random logarithms, and through a whole encode and decode at Walrus's shard counts.
 */
class GfKernelEquivalenceTest {
    private static final GfKernel SCALAR = GfKernels.scalar();
    private static final GfKernel VECTOR = GfKernels.vector();
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

    /** Independent of the scalar kernel: one region holding every field element, checked lane by lane. */
    @ParameterizedTest(name = "log {0}")
    @CsvSource({"0", "1", "7", "40000", "65534", "65535"})
    void multipliesEveryElementAsGf16Does(int log) {
        byte[] region = new byte[2 * Gf16.ORDER];
        for (int x = 0; x < Gf16.ORDER; x++) {
            setLane(region, x, x);
        }
        VECTOR.mul(region, region, 0, region.length, log);
        for (int x = 0; x < Gf16.ORDER; x++) {
            assertEquals(Gf16.mulLog(x, log), lane(region, x), "x=" + x);
        }
    }

    @ParameterizedTest(name = "({0}, {1}, {2})")
    @CsvSource({"334, 666, 4130", "667, 333, 130"})
    void encodesAndDecodesLikeScalar(int k, int m, int s) {
        RsParameters params = new RsParameters(k, m, s);
        ReedSolomon scalar = new ReedSolomon(params, SCALAR);
        ReedSolomon vector = new ReedSolomon(params, VECTOR);
        byte[][] originals = ReedSolomonTest.randomShards(new SplittableRandom(k), k, s);
        byte[][] recovery = scalar.encode(originals);
        assertShardsEqual(recovery, vector.encode(originals), "recovery");

        int drop = Math.min(k, m);
        byte[][] givenOriginals = originals.clone();
        byte[][] givenRecovery = new byte[m][];
        for (int i = 0; i < drop; i++) {
            givenOriginals[i] = null;
            givenRecovery[m - 1 - i] = recovery[m - 1 - i];
        }
        byte[][] fromScalar = scalar.decode(givenOriginals.clone(), givenRecovery.clone());
        byte[][] fromVector = vector.decode(givenOriginals.clone(), givenRecovery.clone());
        assertShardsEqual(fromScalar, fromVector, "restored");
        assertShardsEqual(originals, fromVector, "original");
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
            op.apply(VECTOR, a, b, off, len, log);
            String where = "log=" + log + " off=" + off + " len=" + len;
            assertArrayEquals(sa, a, "first array, " + where);
            assertArrayEquals(sb, b, "second array, " + where);
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
