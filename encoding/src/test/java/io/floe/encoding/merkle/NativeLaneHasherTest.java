package io.floe.encoding.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native Blake2b against the Java scalar hasher, on every instruction set this CPU runs: random inputs of every
 * length 0..300 and a few large ones, in full and partial batches, lanes spread over several arrays, one at a time,
 * and in place. Skipped where the native library was not built.
 */
@EnabledIf("io.floe.encoding.merkle.NativeLaneHasher#available")
class NativeLaneHasherTest {
    static IntStream isas() {
        return IntStream.range(0, NativeLaneHasher.ISA_NAMES.length).filter(NativeLaneHasher::supports);
    }

    /** The digests of {@code count} lanes, computed by {@code hasher} through a HashBatch. */
    private static byte[] hashAll(LaneHasher hasher, byte prefix, int len, byte[][] src, int[] off, int count) {
        byte[] out = new byte[count * 32];
        HashBatch batch = new HashBatch(hasher, prefix, len, out);
        for (int i = 0; i < count; i++) {
            batch.add(src[i], off[i], 32 * i);
        }
        batch.flush();
        return out;
    }

    /** {@code count} lanes of {@code len} bytes at random offsets in three random arrays. */
    private static void compareRandomLanes(int isa, SplittableRandom random, int len, int count) {
        byte[][] arrays = new byte[3][len + 50];
        for (byte[] array : arrays) {
            random.nextBytes(array);
        }
        byte[][] src = new byte[count][];
        int[] off = new int[count];
        for (int i = 0; i < count; i++) {
            src[i] = arrays[random.nextInt(3)];
            off[i] = random.nextInt(51);
        }
        byte prefix = (byte) random.nextInt(256);
        assertArrayEquals(hashAll(new ScalarLaneHasher(), prefix, len, src, off, count),
            hashAll(new NativeLaneHasher(isa), prefix, len, src, off, count),
            NativeLaneHasher.ISA_NAMES[isa] + ": length " + len + ", " + count + " lanes");
    }

    @ParameterizedTest
    @MethodSource("isas")
    void matchesTheJavaHasherForEveryLengthUpTo300(int isa) {
        SplittableRandom random = new SplittableRandom(16 + isa);
        for (int len = 0; len <= 300; len++) {
            for (int count : new int[] {1, 3, 8, 9, NativeLaneHasher.LANES - 1, NativeLaneHasher.LANES, 130}) {
                compareRandomLanes(isa, random, len, count);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("isas")
    void matchesTheJavaHasherForLargeInputs(int isa) {
        SplittableRandom random = new SplittableRandom(61 + isa);
        for (int len : new int[] {1023, 1024, 4096, 4863, 65534, 300_000}) {
            compareRandomLanes(isa, random, len, 1);
            compareRandomLanes(isa, random, len, 11);
        }
    }

    /** A Merkle level reduced in place: every child pair is read before a parent overwrites it. */
    @ParameterizedTest
    @MethodSource("isas")
    void hashesAMerkleLevelInPlace(int isa) {
        int pairs = 3 * NativeLaneHasher.LANES + 5;
        byte[] nodes = new byte[64 * pairs];
        new SplittableRandom(7).nextBytes(nodes);
        byte[] expected = new byte[32 * pairs];
        Blake2b256 reference = new Blake2b256();
        for (int j = 0; j < pairs; j++) {
            reference.innerHash(nodes, 64 * j, nodes, 64 * j + 32, expected, 32 * j);
        }
        HashBatch batch = HashBatch.innerNodes(new NativeLaneHasher(isa), nodes);
        for (int j = 0; j < pairs; j++) {
            batch.add(nodes, 64 * j, 32 * j);
        }
        batch.flush();
        assertArrayEquals(expected, Arrays.copyOf(nodes, 32 * pairs));
    }

    /** C checks bounds again: a lane outside its array throws before any digest is written. */
    @Test
    void refusesLanesOutOfBoundsWithoutWriting() {
        NativeLaneHasher hasher = new NativeLaneHasher();
        byte[] data = new byte[100];
        byte[] out = new byte[64];
        byte[][] src = {data, data};
        assertThrows(IndexOutOfBoundsException.class,
            () -> hasher.hash((byte) 0, 10, src, new int[] {0, 91}, 2, out, new int[] {0, 32}));
        assertThrows(IndexOutOfBoundsException.class,
            () -> hasher.hash((byte) 0, 10, src, new int[] {0, 0}, 2, out, new int[] {0, 33}));
        assertArrayEquals(new byte[64], out);
    }

    @Test
    void runsTheWidestInstructionSetUnlessOneIsNamed() {
        String named = System.getProperty("floe.native.isa", System.getenv("FLOE_NATIVE_ISA"));
        String widest = NativeLaneHasher.ISA_NAMES[isas().max().orElseThrow()];
        String expected = named == null || named.isEmpty() ? widest : named.equals("gfni512") ? "avx512" : named;
        assertEquals(expected, new NativeLaneHasher().isaName());
        assertTrue(NativeLaneHasher.supports(0), "portable C always runs");
    }
}
