package io.floe.encoding.merkle;

import static io.floe.encoding.merkle.MerkleReference.bcBlake2b256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.incubator.vector.LongVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every lane hasher against BouncyCastle's Blake2b, across block boundaries, partial batches and aliasing: scalar,
 * vector, and the native one on each instruction set this CPU runs (when the library is built).
 */
class HashBatchTest {
    static Stream<Arguments> engines() {
        Stream<Arguments> java = Stream.of(Arguments.of("scalar", (Supplier<LaneHasher>) ScalarLaneHasher::new),
            Arguments.of("vector", (Supplier<LaneHasher>) VectorLaneHasher::new));
        Stream<Arguments> natives = IntStream.range(0, NativeLaneHasher.ISA_NAMES.length)
            .filter(NativeLaneHasher::supports)
            .mapToObj(isa -> Arguments.of("native-" + NativeLaneHasher.ISA_NAMES[isa],
                (Supplier<LaneHasher>) () -> new NativeLaneHasher(isa)));
        return Stream.concat(java, natives);
    }

    private static byte[] prefixed(byte prefix, byte[] data, int off, int len) {
        byte[] message = new byte[len + 1];
        message[0] = prefix;
        System.arraycopy(data, off, message, 1, len);
        return bcBlake2b256(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void matchesBouncyCastleForEveryLengthUpTo400AndEveryBatchSize(String name, Supplier<LaneHasher> engine) {
        Random random = new Random(11);
        for (int len = 0; len <= 400; len++) {
            for (int lanes = 1; lanes <= engine.get().lanes(); lanes++) {
                byte prefix = (byte) random.nextInt(256);
                byte[] data = new byte[lanes * len + 7];
                random.nextBytes(data);
                byte[] out = new byte[lanes * 32];
                HashBatch batch = new HashBatch(engine.get(), prefix, len, out);
                int[] offsets = new int[lanes];
                for (int i = 0; i < lanes; i++) {
                    offsets[i] = random.nextInt(data.length - len + 1);
                    batch.add(data, offsets[i], i * 32);
                }
                batch.flush();
                for (int i = 0; i < lanes; i++) {
                    assertArrayEquals(prefixed(prefix, data, offsets[i], len),
                        Arrays.copyOfRange(out, i * 32, i * 32 + 32),
                        name + ": length " + len + ", lane " + i + " of " + lanes);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void hashesLanesFromDifferentArraysAndLongInputs(String name, Supplier<LaneHasher> engine) {
        Random random = new Random(5);
        for (int len : new int[] {1022, 4097, 65534}) {
            byte[][] inputs = new byte[5][len];
            byte[] out = new byte[5 * 32];
            HashBatch batch = new HashBatch(engine.get(), (byte) 0, len, out);
            for (int i = 0; i < 5; i++) {
                random.nextBytes(inputs[i]);
                batch.add(inputs[i], 0, i * 32);
            }
            batch.flush();
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(prefixed((byte) 0, inputs[i], 0, len), Arrays.copyOfRange(out, i * 32, i * 32 + 32),
                    name + ": length " + len + ", input " + i);
            }
        }
    }

    /** A Merkle level reduced in place: parent j overwrites bytes that children of the same batch occupy. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void readsEveryLaneBeforeWritingAny(String name, Supplier<LaneHasher> engine) {
        LaneHasher hasher = engine.get();
        int lanes = hasher.lanes();
        byte[] nodes = new byte[2 * lanes * 32];
        new Random(3).nextBytes(nodes);
        byte[] expected = new byte[lanes * 32];
        for (int j = 0; j < lanes; j++) {
            System.arraycopy(prefixed((byte) 1, nodes, 64 * j, 64), 0, expected, 32 * j, 32);
        }
        HashBatch batch = new HashBatch(hasher, (byte) 1, 64, nodes);
        for (int j = 0; j < lanes; j++) {
            batch.add(nodes, 64 * j, 32 * j);
        }
        assertArrayEquals(expected, Arrays.copyOf(nodes, lanes * 32), name);
    }

    /** The vector width follows the CPU unless floe.hash.vectorBits names one (the build runs both, pom.xml). */
    @Test
    void vectorWidthIsTheWidestTheCpuRunsOrTheOneAskedFor() {
        String asked = System.getProperty("floe.hash.vectorBits", "auto");
        int preferred = LongVector.SPECIES_PREFERRED.vectorBitSize();
        int expected = asked.equals("auto") ? (preferred >= 512 ? 512 : 256) : Integer.parseInt(asked);
        assertEquals(expected, VectorLaneHasher.SPECIES.vectorBitSize());
        assertEquals(expected / 64, new VectorLaneHasher().lanes());
        assertEquals(LongVector.SPECIES_256, VectorLaneHasher.species("256"));
        assertEquals(LongVector.SPECIES_512, VectorLaneHasher.species("512"));
        assertThrows(IllegalArgumentException.class, () -> VectorLaneHasher.species("128"));
    }

    /**
     * Tests run with the incubator module loaded; auto takes the native engine where the library loaded, else the
     * vector engine where the CPU runs it natively.
     */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector", "auto"})
    void choosesTheEngineNamed(String setting) {
        String auto = NativeLaneHasher.available() ? "native"
            : VectorLaneHasher.compiledToHardware() ? "vector" : "scalar";
        assertEquals(setting.equals("auto") ? auto : setting, HashBatch.choose(setting).get().name());
    }

    @Test
    void refusesAnUnknownEngineAndOutOfRangeInputs() {
        assertThrows(IllegalArgumentException.class, () -> HashBatch.choose("simd"));
        HashBatch batch = HashBatch.leaves(10, new byte[32]);
        assertThrows(IndexOutOfBoundsException.class, () -> batch.add(new byte[9], 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> batch.add(new byte[10], 0, 1));
    }
}
