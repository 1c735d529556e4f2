package io.floe.api.gateway;

import io.floe.encoding.chunks.ChunkManifest;
import io.floe.encoding.metadata.BlobId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chunk manifests read lately (a manifest never changes: its ID is its hash), least recently used dropped first.
 *
 * <p>Invariant: the manifests kept name at most {@code maxChunks} chunk IDs in all (an entry weighs its chunk count,
 * up to 131,072 for the largest manifest), so the cache's heap is bounded by IDs, not by entries; a manifest larger
 * than the whole cache is not kept.
 */
final class ManifestCache {
    private final long maxChunks;
    private final LinkedHashMap<BlobId, ChunkManifest> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long chunks;

    ManifestCache(long maxChunks) {
        this.maxChunks = maxChunks;
    }

    synchronized Optional<ChunkManifest> get(BlobId id) {
        return Optional.ofNullable(entries.get(id));
    }

    synchronized void put(BlobId id, ChunkManifest manifest) {
        long weight = manifest.chunks().size();
        if (weight > maxChunks || entries.containsKey(id)) {
            return;
        }
        Iterator<Map.Entry<BlobId, ChunkManifest>> eldest = entries.entrySet().iterator();
        while (chunks + weight > maxChunks && eldest.hasNext()) {
            chunks -= eldest.next().getValue().chunks().size();
            eldest.remove();
        }
        entries.put(id, manifest);
        chunks += weight;
    }

    /** The chunk IDs the kept manifests name. */
    synchronized long chunks() {
        return chunks;
    }
}
