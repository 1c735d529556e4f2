package io.floe.encoding.quilt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The quilt codec's own rules: round trips, patch ID text, and refusals of bad input and of bytes that are no quilt. */
class QuiltTest {

    @Test
    void roundTripsFilesAndTags() {
        List<QuiltFile> files = List.of(new QuiltFile("b", new byte[] {1, 2, 3}, new TreeMap<>(Map.of("x", "y"))),
                new QuiltFile("a", new byte[0]));
        Quilt quilt = QuiltEncoder.encode(files, 7);
        QuiltReader reader = QuiltReader.of(quilt.bytes(), 7);
        assertEquals(quilt.patches(), reader.patches());
        assertEquals(List.of("a", "b"), reader.patches().stream().map(QuiltPatch::identifier).toList());
        QuiltFile b = reader.read(reader.patch("b").orElseThrow());
        assertArrayEquals(new byte[] {1, 2, 3}, b.contents());
        assertEquals(Map.of("x", "y"), b.tags());
        assertEquals(0, reader.read(reader.patch("a").orElseThrow()).contents().length);
    }

    @Test
    void patchIdTextRoundTripsAndRefusesOthers() {
        byte[] raw = new byte[32];
        new Random(1).nextBytes(raw);
        QuiltPatchId id = new QuiltPatchId(BlobId.of(raw), 3, 260);
        assertEquals(50, id.toString().length());
        assertEquals(id, QuiltPatchId.parse(id.toString()));
        assertThrows(InvalidQuiltPatchIdException.class, () -> QuiltPatchId.parse(BlobId.of(raw).toString()));
        assertThrows(InvalidQuiltPatchIdException.class, () -> QuiltPatchId.parse("not*base64"));
        byte[] otherVersion = id.bytes();
        otherVersion[32] = 2;
        assertThrows(InvalidQuiltPatchIdException.class, () -> QuiltPatchId.parse(
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(otherVersion)));
        assertThrows(InvalidQuiltPatchIdException.class, () -> new QuiltPatchId(BlobId.of(raw), 4, 4));
    }

    @Test
    void refusesFilesWalrusRefuses() {
        assertThrows(InvalidQuiltInputException.class, () -> new QuiltFile("", new byte[0]));
        assertThrows(InvalidQuiltInputException.class, () -> new QuiltFile("a ", new byte[0]));
        assertThrows(InvalidQuiltInputException.class, () -> new QuiltFile("a\u00a0", new byte[0]));
        assertThrows(InvalidQuiltInputException.class, () -> new QuiltFile("a\u0007b", new byte[0]));
        assertThrows(InvalidQuiltInputException.class, () -> QuiltEncoder.encode(List.of(), 10));
        assertThrows(InvalidQuiltInputException.class, () -> QuiltEncoder.encode(
                List.of(new QuiltFile("a", new byte[1]), new QuiltFile("a", new byte[2])), 10));
        // n = 10 has 7 columns: the index and at most 6 files.
        List<QuiltFile> seven = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> new QuiltFile("f" + i, new byte[1])).toList();
        assertThrows(QuiltOversizeException.class, () -> QuiltEncoder.encode(seven, 10));
    }

    @Test
    void refusesBytesThatAreNoQuilt() {
        assertThrows(QuiltFormatException.class, () -> QuiltReader.of(new byte[27], 10));
        byte[] random = new byte[28 * 64];
        new Random(2).nextBytes(random);
        random[0] = 1;
        assertThrows(QuiltFormatException.class, () -> QuiltReader.of(random, 10));
        random[0] = 7;
        assertThrows(QuiltFormatException.class, () -> QuiltReader.of(random, 10));
    }

    @Test
    void refusesAPatchHeaderThatDisagreesWithTheIndex() {
        Quilt quilt = QuiltEncoder.encode(List.of(new QuiltFile("a", new byte[100]), new QuiltFile("b", new byte[9])),
                10);
        byte[] bytes = Arrays.copyOf(quilt.bytes(), quilt.bytes().length);
        QuiltPatch b = quilt.patches().get(1);
        int symbolSize = bytes.length / 28;
        bytes[b.startIndex() * symbolSize + 1] = (byte) 0xFF; // the length field's low byte, in row 0
        QuiltReader reader = QuiltReader.of(bytes, 10);
        assertThrows(QuiltFormatException.class, () -> reader.read(reader.patch("b").orElseThrow()));
    }

    @Test
    void refusesAnIndexSizeLargerThanTheMatrix() {
        Quilt quilt = QuiltEncoder.encode(List.of(new QuiltFile("a", new byte[100])), 10);
        byte[] bytes = Arrays.copyOf(quilt.bytes(), quilt.bytes().length);
        int symbolSize = bytes.length / 28;
        // The index size's u32 sits in the first symbol (row 0, column 0): 0xFFFFFFFF, then 2^31, then one byte
        // more than the 7 columns hold (under the 10 columns Walrus's readers look at).
        for (long size : new long[] {0xFFFF_FFFFL, 1L << 31, 7L * 4 * symbolSize - 4}) {
            QuiltEncoder.putLittleEndian(bytes, 1, size, 4);
            assertThrows(QuiltFormatException.class, () -> QuiltReader.of(bytes, 10), () -> "index size " + size);
        }
    }

    @Test
    void refusesAReadOfANegativeLength() {
        QuiltMatrix matrix = new QuiltMatrix(new byte[28 * 2], 4, 7, 2);
        assertThrows(QuiltFormatException.class, () -> matrix.read(0, 0, -1));
        assertThrows(QuiltFormatException.class, () -> matrix.read(0, 0, Integer.MIN_VALUE));
    }

    @Test
    void plansTheSizeOfTheQuiltItEncodes() {
        List<QuiltFile> files = List.of(new QuiltFile("a", new byte[1]), new QuiltFile("b", new byte[1]),
                new QuiltFile("big", new byte[30_000]));
        QuiltEncoder.Plan plan = QuiltEncoder.plan(files, 10);
        assertEquals(QuiltEncoder.encode(files, 10).bytes().length, plan.size());
        // Each tiny file takes a whole column of the big one's symbol size: the quilt is about 7/4 of 30 kB.
        assertTrue(plan.size() > 50_000, () -> "planned " + plan.size());
    }
}
