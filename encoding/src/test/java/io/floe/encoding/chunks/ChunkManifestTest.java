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
import java.util.SplittableRandom;
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

    /** Magic, then a header with these sizes, then {@code ids} IDs: what anyone may store as an ordinary blob. */
    private static byte[] hostile(int n, long total, int count, int ids) {
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(30 + 32 * ids).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put("floe-chunked-v1\n".getBytes()).putShort((short) n).putLong(total).putInt(count);
        return out.array();
    }

    @Test
    void hugeTotalsAreNotManifestsAndNeverThrow() {
        // 94 bytes: two IDs, with totals whose chunk count overflows an int (or a long sum) at n = 100.
        long[] totals = {4L * 100_000_000_000_000_000L, Long.MAX_VALUE, Long.MAX_VALUE - 1, -1, Long.MIN_VALUE,
            1L << 62, 2 * MAX + 1};
        for (long total : totals) {
            assertTrue(ChunkManifest.parse(hostile(100, total, 2, 2)).isEmpty(), "total " + total);
            assertTrue(ChunkManifest.parse(hostile(N, total, 2, 2)).isEmpty(), "total " + total + " at n = " + N);
        }
        assertTrue(ChunkManifest.parse(hostile(N, 2 * MAX + 1, 3, 3)).isPresent());
    }

    @Test
    void hugeCountsAndBadShardCountsAreNotManifests() {
        assertTrue(ChunkManifest.parse(hostile(N, 2 * MAX + 1, -1, 3)).isEmpty());
        assertTrue(ChunkManifest.parse(hostile(N, 2 * MAX + 1, Integer.MAX_VALUE, 3)).isEmpty());
        assertTrue(ChunkManifest.parse(hostile(N, 2 * MAX + 1, Integer.MIN_VALUE, 3)).isEmpty());
        assertTrue(ChunkManifest.parse(hostile(0, 2 * MAX + 1, 3, 3)).isEmpty());
        assertTrue(ChunkManifest.parse(hostile(3, 2 * MAX + 1, 3, 3)).isEmpty());
        assertTrue(ChunkManifest.parse(hostile(0xFFFF, 2 * MAX + 1, 3, 3)).isEmpty());
    }

    @Test
    void randomHeadersNeverThrow() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            int ids = random.nextInt(4);
            long total = random.nextBoolean() ? random.nextLong() : random.nextLong(5 * MAX);
            int count = random.nextBoolean() ? random.nextInt() : ids;
            int n = random.nextBoolean() ? random.nextInt(1 << 16) : N;
            ChunkManifest.parse(hostile(n, total, count, ids));
        }
    }

    @Test
    void aLayoutCountsChunksExactlyForAnyLength() {
        long size = new EncodingConfig(4).maxBlobSize();
        assertEquals(1, ChunkLayout.chunkCountOf(4, 0));
        assertEquals(1, ChunkLayout.chunkCountOf(4, size));
        assertEquals(2, ChunkLayout.chunkCountOf(4, size + 1));
        assertEquals((Long.MAX_VALUE - 1) / size + 1, ChunkLayout.chunkCountOf(4, Long.MAX_VALUE));
        assertFalse(ChunkLayout.fits(4, Long.MAX_VALUE));
        assertFalse(ChunkLayout.fits(4, -1));
        assertFalse(ChunkLayout.fits(3, 1));
        assertTrue(ChunkLayout.fits(4, size * Integer.MAX_VALUE));
        assertFalse(ChunkLayout.fits(4, size * Integer.MAX_VALUE + 1));
        assertThrows(IllegalArgumentException.class, () -> new ChunkLayout(4, Long.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, new ChunkLayout(4, size * Integer.MAX_VALUE).chunkCount());
    }
}
