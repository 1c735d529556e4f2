package io.floe.encoding.chunks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkManifestTest {
    private static final int N = 10;
    private static final long MAX = new EncodingConfig(N).maxBlobSize();

    private static List<BlobId> ids(int count) {
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[32];
            Arrays.fill(b, (byte) (i + 1));
            ids.add(BlobId.of(b));
        }
        return ids;
    }

    @Test
    void aStreamWithinOneBlobIsNotChunked() {
        ChunkLayout layout = new ChunkLayout(N, MAX);
        assertFalse(layout.chunked());
        assertEquals(1, layout.chunkCount());
        assertEquals(MAX, layout.lengthOf(0));
        assertThrows(IllegalArgumentException.class, () -> new ChunkManifest(layout, ids(1)));
    }

    @Test
    void chunksAreFullButTheLast() {
        ChunkLayout layout = new ChunkLayout(N, 2 * MAX + 5);
        assertTrue(layout.chunked());
        assertEquals(3, layout.chunkCount());
        assertEquals(MAX, layout.lengthOf(1));
        assertEquals(5, layout.lengthOf(2));
        assertEquals(2 * MAX, layout.offsetOf(2));
        assertEquals(1, layout.chunkAt(MAX));
        assertEquals(0, layout.chunkAt(MAX - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.chunkAt(2 * MAX + 5));
    }

    @Test
    void aManifestReadsBackAsWritten() {
        ChunkManifest manifest = new ChunkManifest(new ChunkLayout(N, 2 * MAX + 5), ids(3));
        byte[] bytes = manifest.toBytes();
        assertTrue(ChunkManifest.hasMagic(bytes));
        assertEquals(manifest, ChunkManifest.parse(bytes).orElseThrow());
        assertTrue(bytes.length <= ChunkManifest.maxBytes(N, 2 * MAX + 5));
    }

    @Test
    void bytesThatOnlyStartLikeAManifestAreNotOne() {
        byte[] bytes = new ChunkManifest(new ChunkLayout(N, 2 * MAX + 5), ids(3)).toBytes();
        assertTrue(ChunkManifest.parse(Arrays.copyOf(bytes, bytes.length - 1)).isEmpty());
        assertTrue(ChunkManifest.parse(Arrays.copyOf(bytes, bytes.length + 32)).isEmpty());
        byte[] fits = bytes.clone();
        java.nio.ByteBuffer.wrap(fits).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(18, MAX);
        assertTrue(ChunkManifest.parse(fits).isEmpty());
        assertTrue(ChunkManifest.parse("floe-chunked-v1\nhello".getBytes()).isEmpty());
    }
}
