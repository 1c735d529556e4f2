package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.chunks.ChunkLayout;
import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodingConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BlobIdCache} of manifests weighs each by its chunk count, drops the least recently used first, and keeps no
 * manifest larger than itself; {@link ByteBudget#tryReserve(long, long)} grants what is left down to the least.
 */
class BlobIdCacheTest {
    private static final int N = 10;

    @Test
    void keepsAtMostItsChunkIdsDroppingTheLeastRecentlyUsed() {
        BlobIdCache<ChunkManifest> cache = new BlobIdCache<>(6, m -> m.chunks().size());
        BlobId a = id(1);
        BlobId b = id(2);
        BlobId c = id(3);
        cache.put(a, manifest(3));
        cache.put(b, manifest(2));
        cache.get(a);
        cache.put(c, manifest(3));
        assertTrue(cache.get(b).isEmpty(), "b was used least lately");
        assertTrue(cache.get(a).isPresent() && cache.get(c).isPresent());
        assertEquals(6, cache.weight());
        cache.put(id(4), manifest(7));
        assertTrue(cache.get(id(4)).isEmpty(), "larger than the whole cache");
        assertEquals(6, cache.weight());
    }

    @Test
    void aBudgetGrantsWhatIsLeftDownToTheLeastAndOneUserAlwaysRuns() {
        ByteBudget budget = new ByteBudget(100);
        assertEquals(500, budget.tryReserve(50, 500), "alone, whatever it wants");
        assertEquals(0, budget.tryReserve(1, 1));
        budget.release(500);
        assertEquals(80, budget.tryReserve(20, 80));
        assertEquals(20, budget.tryReserve(20, 80), "what is left");
        assertEquals(0, budget.tryReserve(1, 80));
    }

    private static ChunkManifest manifest(int chunks) {
        long chunkSize = new EncodingConfig(N).maxBlobSize();
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            ids.add(id(100 + i));
        }
        return new ChunkManifest(new ChunkLayout(N, chunkSize * (chunks - 1) + 1), ids);
    }

    private static BlobId id(int seed) {
        byte[] bytes = new byte[BlobId.LENGTH];
        bytes[0] = (byte) seed;
        return BlobId.of(bytes);
    }
}
