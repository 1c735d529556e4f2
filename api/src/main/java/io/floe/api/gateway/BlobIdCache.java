package io.floe.api.gateway;

import io.floe.encoding.metadata.BlobId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Values read lately that a blob ID fixes for good (a chunk manifest, verified metadata: the ID is their hash, so
 * they never change), least recently used dropped first.
 *
 * <p>Invariant: the values kept weigh at most {@code maxWeight} in all (each as its weigher says: chunk IDs for a
 * manifest, bytes for metadata), so the cache's heap is bounded by what its values hold, not by their count; a value
 * heavier than the whole cache is not kept.
 */
final class BlobIdCache<V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<BlobId, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    BlobIdCache(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    synchronized Optional<V> get(BlobId id) {
        return Optional.ofNullable(entries.get(id));
    }

    synchronized void put(BlobId id, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight || entries.containsKey(id)) {
            return;
        }
        Iterator<Map.Entry<BlobId, V>> eldest = entries.entrySet().iterator();
        while (weight + w > maxWeight && eldest.hasNext()) {
            weight -= weigher.applyAsLong(eldest.next().getValue());
            eldest.remove();
        }
        entries.put(id, value);
        weight += w;
    }

    /** What the kept values weigh in all. */
    synchronized long weight() {
        return weight;
    }
}
