package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.rs.GfKernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileBlobEncoderTest {
    private static final int PREFIX = 77;

    @TempDir
    Path dir;

    /** n, length: empty, one byte, odd, a symbol boundary and one past it, symbols with and without a tail, max. */
    static Stream<Arguments> shapes() {
        return Stream.of(
            Arguments.of(4, 0), Arguments.of(4, 1), Arguments.of(4, 12345), Arguments.of(4, 6 * 130),
            Arguments.of(4, 6 * 130 + 1), Arguments.of(4, 6 * 256), Arguments.of(4, 6 * 65534),
            Arguments.of(7, 1), Arguments.of(7, 15 * 200 - 3), Arguments.of(7, 15 * 65534),
            Arguments.of(10, 28 * 4096), Arguments.of(10, 28 * 65534),
            Arguments.of(100, 1), Arguments.of(100, 2278 * 318 + 5));
    }

    @ParameterizedTest(name = "n = {0}, {1} bytes")
    @MethodSource("shapes")
    void streamedEncodingIsBlobEncoders(int n, int length) throws IOException {
        everyTilingIsBlobEncoders(n, length, n * 31L + length,
            tile -> new FileBlobEncoder(new EncodingConfig(n), GfKernels.defaultKernel(), tile));
    }

    /**
     * Stripes (1-byte tiles cut symbols into 64-byte stripes and a tail), blocks of rows and the default tiles each
     * give BlobEncoder's slivers and metadata, and leave no file behind.
     */
    private void everyTilingIsBlobEncoders(int n, int length, long seed,
                                           java.util.function.LongFunction<FileBlobEncoder> encoders) throws IOException {
        byte[] blob = randomBlob(seed, length);
        Path file = writeWithGarbageAround(blob);
        EncodedBlob expected = new BlobEncoder(new EncodingConfig(n)).encode(blob);
        for (long tile : new long[] {1, 3L * n * expected.symbolSize(), FileBlobEncoder.DEFAULT_TILE_BYTES}) {
            FileBlobEncoder encoder = encoders.apply(tile);
            try (EncodedBlobFile encoded = encoder.encode(file, PREFIX, length, dir)) {
                assertSameEncoding(expected, encoded);
            }
            assertEquals(expected.metadata(), encoder.computeMetadata(file, PREFIX, length, dir), "tile " + tile);
        }
        assertEquals(List.of(file), filesIn(dir), "sliver and scratch files are deleted");
    }

    /** Small shapes forced down the streamed way (the heap rule would encode them in memory). */
    static Stream<Arguments> streamedShapes() {
        return Stream.of(Arguments.of(4, 1), Arguments.of(4, 6 * 130 + 1), Arguments.of(7, 15 * 200 - 3),
            Arguments.of(10, 28 * 4096 + 7), Arguments.of(13, 45 * 1000));
    }

    @ParameterizedTest(name = "n = {0}, {1} bytes")
    @MethodSource("streamedShapes")
    void theStreamedWayIsBlobEncoders(int n, int length) throws IOException {
        everyTilingIsBlobEncoders(n, length, n * 17L + length,
            tile -> FileBlobEncoder.alwaysStreaming(new EncodingConfig(n), GfKernels.defaultKernel(), tile));
    }

    @Test
    void heapIsBoundedWhateverTheBlobsSize() {
        for (int n : new int[] {100, 1000}) {
            EncodingConfig config = new EncodingConfig(n);
            FileBlobEncoder encoder = new FileBlobEncoder(config);
            for (long length : new long[] {64L << 20, Math.min(1L << 30, config.maxBlobSize()), config.maxBlobSize()}) {
                assertTrue(encoder.heapBytes(length) < 128L << 20, n + ": " + encoder.heapBytes(length));
            }
            // A small blob is encoded in memory, as BlobEncoder does.
            assertEquals(1000 + config.encodingMemoryBytes(1000), encoder.heapBytes(1000));
        }
    }

    @Test
    void aBlobWithinTheInMemoryBudgetIsEncodedInMemory() throws IOException {
        byte[] blob = randomBlob(4, 32 << 20);
        Path file = writeWithGarbageAround(blob);
        EncodingConfig config = new EncodingConfig(100);
        long inMemory = blob.length + config.encodingMemoryBytes(blob.length);
        assertTrue(new FileBlobEncoder(config).heapBytes(blob.length) < inMemory, "the heap rule streams this blob");
        assertTrue(FileBlobEncoder.inMemoryUpTo(config, inMemory - 1).heapBytes(blob.length) < inMemory);
        FileBlobEncoder encoder = FileBlobEncoder.inMemoryUpTo(config, inMemory);
        assertEquals(inMemory, encoder.heapBytes(blob.length));
        // No scratch file: a missing work directory, which fails the streamed way, does not matter.
        assertEquals(new BlobEncoder(config).computeMetadata(blob),
            encoder.computeMetadata(file, PREFIX, blob.length, dir.resolve("missing")));
    }

    @Test
    void regionPastTheFilesEndFailsAndLeavesNoFile() throws IOException {
        Path file = writeWithGarbageAround(randomBlob(1, 100_000));
        FileBlobEncoder encoder = new FileBlobEncoder(new EncodingConfig(10), GfKernels.defaultKernel(), 1);
        assertThrows(IOException.class, () -> encoder.encode(file, PREFIX, 200_000, dir));
        assertThrows(IOException.class, () -> encoder.computeMetadata(file, PREFIX, 200_000));
        assertEquals(List.of(file), filesIn(dir));
    }

    @Test
    void metadataScratchGoesToTheGivenDirectoryAndIsDeleted() throws IOException {
        byte[] blob = randomBlob(3, 100_000);
        Path file = writeWithGarbageAround(blob);
        EncodingConfig config = new EncodingConfig(10);
        FileBlobEncoder encoder = FileBlobEncoder.alwaysStreaming(config, GfKernels.defaultKernel(),
            FileBlobEncoder.DEFAULT_TILE_BYTES);
        // A missing work directory fails the streamed way: the scratch is created there, not in java.io.tmpdir.
        Path missing = dir.resolve("missing");
        assertThrows(IOException.class, () -> encoder.computeMetadata(file, PREFIX, blob.length, missing));
        Path work = Files.createDirectory(dir.resolve("work"));
        assertEquals(new BlobEncoder(config).computeMetadata(blob),
            encoder.computeMetadata(file, PREFIX, blob.length, work));
        assertEquals(List.of(), filesIn(work));
    }

    @Test
    void pairsCannotBeReadAfterClose() throws IOException {
        Path file = writeWithGarbageAround(randomBlob(2, 5000));
        EncodedBlobFile encoded = new FileBlobEncoder(new EncodingConfig(10)).encode(file, PREFIX, 5000, dir);
        encoded.close();
        assertThrows(UncheckedIOException.class, () -> encoded.pair(new SliverPairIndex(0)));
        assertFalse(filesIn(dir).size() > 1);
    }

    static void assertSameEncoding(EncodedBlob expected, EncodedBlobFile actual) {
        assertEquals(expected.metadata(), actual.metadata());
        assertEquals(expected.blobId(), actual.blobId());
        assertEquals(expected.symbolSize(), actual.symbolSize());
        for (int i = 0; i < expected.config().nShards(); i++) {
            SliverPair want = expected.pair(new SliverPairIndex(i));
            SliverPair got = actual.pair(new SliverPairIndex(i));
            assertArrayEquals(want.primary().data(), got.primary().data(), "primary of pair " + i);
            assertArrayEquals(want.secondary().data(), got.secondary().data(), "secondary of pair " + i);
            assertEquals(want, got);
            assertEquals(want.primary(), actual.sliver(new SliverPairIndex(i), io.floe.encoding.index.SliverType.PRIMARY), "one sliver read alone");
            assertEquals(want.secondary(), actual.sliver(new SliverPairIndex(i), io.floe.encoding.index.SliverType.SECONDARY), "one sliver read alone");
        }
    }

    private Path writeWithGarbageAround(byte[] blob) throws IOException {
        byte[] content = randomBlob(-1, PREFIX + blob.length + 33);
        System.arraycopy(blob, 0, content, PREFIX, blob.length);
        return Files.write(dir.resolve("blob.bin"), content);
    }

    private List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    static byte[] randomBlob(long seed, int size) {
        byte[] blob = new byte[size];
        new SplittableRandom(seed).nextBytes(blob);
        return blob;
    }
}
