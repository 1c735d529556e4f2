package io.floe.encoding.redstuff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.metadata.VerifiedMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs only in the encoding module's {@code bounded-heap} surefire execution, in a JVM whose heap is far smaller than
 * what {@link BlobEncoder} needs for this blob: the file encoder must get through it anyway (an in-memory encoder
 * ends in OutOfMemoryError). In that execution it fails, rather than skips, when the heap is too large to show that.
 * Bit-identity with BlobEncoder is {@link FileBlobEncoderTest}'s job.
 */
class BoundedHeapEncodingCheck {
    private static final int LENGTH = 40 << 20;
    /** Set only by the encoding module's bounded-heap surefire execution. */
    private static final String BOUNDED_EXECUTION = "floe.bounded-heap-execution";

    @TempDir
    Path dir;

    @Test
    void encodesABlobLargerThanTheHeapAllows() throws IOException {
        EncodingConfig config = new EncodingConfig(100);
        long heap = Runtime.getRuntime().maxMemory();
        // -Dtest=... runs this class in every execution; the others' heaps prove nothing, so they skip it. Which
        // execution this is comes from its own property, never from the heap: the bounded-heap execution with a
        // heap too large to prove anything (a changed -Xmx, a lost argLine) fails below instead of passing silently.
        assumeTrue(Boolean.getBoolean(BOUNDED_EXECUTION), "runs in the bounded-heap execution only");
        assertTrue(heap < 128L << 20, "the bounded-heap execution runs with " + (heap >> 20)
            + " MiB of heap; it must be under 128 MiB (-Xmx in encoding/pom.xml) to prove anything");
        assertTrue(LENGTH + config.encodingMemoryBytes(LENGTH) > 2 * heap,
            "this check means something only if BlobEncoder could not run in " + (heap >> 20) + " MiB");
        Path file = writeRandom(dir.resolve("blob.bin"));
        FileBlobEncoder encoder = new FileBlobEncoder(config);
        assertTrue(encoder.heapBytes(LENGTH) < heap, encoder.heapBytes(LENGTH) + " bytes bound, heap " + heap);
        VerifiedMetadata metadata = encoder.computeMetadata(file, 0, LENGTH);
        try (EncodedBlobFile encoded = encoder.encode(file, 0, LENGTH, dir)) {
            assertEquals(metadata, encoded.metadata());
            SliverPair pair = encoded.pair(new SliverPairIndex(7));
            assertEquals(config.primarySliverBytes(encoded.symbolSize()), pair.primary().data().length);
            assertEquals(config.secondarySliverBytes(encoded.symbolSize()), pair.secondary().data().length);
        }
    }

    private static Path writeRandom(Path file) throws IOException {
        byte[] chunk = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(40);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int done = 0; done < LENGTH; done += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return file;
    }
}
