package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Uploads sent with Walrus's {@code ?pending=true} before this node has seen the blob registered: verified metadata
 * and slivers held in memory until a registration check passes (a later PUT, or the confirmation request), then
 * written to the store. Walrus's node keeps the same buffers ({@code PendingMetadataCache},
 * {@code PendingSliverCache}) and flushes them on the registration event and at confirmation.
 *
 * <p>Invariants: only verified metadata, and only slivers verified against the buffered metadata of their blob, are
 * held; a blob's slivers never outlive its metadata here; at most {@value #MAX_BLOBS} blobs and {@link #maxBytes}
 * sliver bytes are held (a full buffer refuses, it never evicts, so an accepted 202 is not silently lost before its
 * confirmation; entries older than {@link #ttlNanos} are dropped, as Walrus's caches expire theirs). Thread-safe.
 */
final class PendingUploads {
    static final String CACHE_SATURATED = "CACHE_SATURATED";
    static final int MAX_BLOBS = 1024;
    static final long DEFAULT_MAX_BYTES = 256L << 20;
    private static final long TTL_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

    /** A blob's buffered upload. */
    record Upload(VerifiedMetadata metadata, Map<SliverKey, Sliver> slivers) {
    }

    record SliverKey(SliverPairIndex pair, SliverType type) {
    }

    private static final class Entry {
        final VerifiedMetadata metadata;
        final Map<SliverKey, Sliver> slivers = new LinkedHashMap<>();
        final long createdNanos = System.nanoTime();

        Entry(VerifiedMetadata metadata) {
            this.metadata = metadata;
        }
    }

    private final Map<BlobId, Entry> entries = new LinkedHashMap<>();
    private final long maxBytes;
    private final long ttlNanos;
    private long bytes;

    PendingUploads() {
        this(DEFAULT_MAX_BYTES, TTL_NANOS);
    }

    PendingUploads(long maxBytes, long ttlNanos) {
        this.maxBytes = maxBytes;
        this.ttlNanos = ttlNanos;
    }

    /** The buffered metadata of the blob, if any. */
    synchronized Optional<VerifiedMetadata> metadata(BlobId blobId) {
        expire();
        return Optional.ofNullable(entries.get(blobId)).map(e -> e.metadata);
    }

    /** Buffers the metadata: true when newly buffered, false when it already was; throws when full. */
    synchronized boolean putMetadata(VerifiedMetadata metadata) {
        expire();
        if (entries.containsKey(metadata.blobId())) {
            return false;
        }
        if (entries.size() >= MAX_BLOBS) {
            throw full("blobs");
        }
        entries.put(metadata.blobId(), new Entry(metadata));
        return true;
    }

    /** What {@link #putSliver} did. */
    enum Buffered {
        NEW, ALREADY,
        /** The blob's metadata is no longer buffered (flushed meanwhile): the caller stores the sliver directly. */
        GONE
    }

    /** Buffers a sliver verified against the blob's buffered metadata; throws when full. */
    synchronized Buffered putSliver(BlobId blobId, SliverPairIndex pair, Sliver sliver) {
        Entry entry = entries.get(blobId);
        SliverKey key = new SliverKey(pair, sliver.type());
        if (entry == null) {
            return Buffered.GONE;
        }
        if (entry.slivers.containsKey(key)) {
            return Buffered.ALREADY;
        }
        long size = sliver.toBcs().length;
        if (bytes + size > maxBytes) {
            throw full("bytes");
        }
        entry.slivers.put(key, sliver);
        bytes += size;
        return Buffered.NEW;
    }

    /** Removes and returns the blob's buffered upload, to be written now that its registration passed. */
    synchronized Optional<Upload> take(BlobId blobId) {
        Entry entry = entries.remove(blobId);
        if (entry == null) {
            return Optional.empty();
        }
        entry.slivers.values().forEach(s -> bytes -= s.toBcs().length);
        return Optional.of(new Upload(entry.metadata, Map.copyOf(entry.slivers)));
    }

    /**
     * Writes the blob's buffered upload to the node's store, once a registration check has passed: the metadata
     * unless stored already, and each sliver of a shard this node may still write (ownership may have moved since it
     * was buffered). Blocking: call on the blocking executor.
     */
    void flush(NodeBackend backend, BlobId blobId) {
        Optional<Upload> upload = take(blobId);
        if (upload.isEmpty()) {
            return;
        }
        if (backend.metadata(blobId).isEmpty()) {
            backend.storeMetadata(upload.get().metadata());
        }
        io.floe.protocol.committee.EpochCommittees epochs = backend.epochs();
        upload.get().slivers().forEach((key, sliver) -> {
            if (ShardPlacement.isWritable(backend, epochs, blobId, key.pair())
                    && !backend.hasSliver(blobId, key.type(), key.pair())) {
                backend.storeSliver(blobId, key.pair(), sliver);
            }
        });
    }

    private void expire() {
        long now = System.nanoTime();
        List<BlobId> old = new ArrayList<>();
        entries.forEach((id, e) -> {
            if (now - e.createdNanos > ttlNanos) {
                old.add(id);
            }
        });
        old.forEach(this::take);
    }

    /** Walrus's {@code CacheSaturated} (FAILED_PRECONDITION, 400): refused until the buffer drains. */
    private static ApiException full(String what) {
        return new ApiException(400, CACHE_SATURATED, "pending upload cache is saturated (" + what
                + "); retry once the node catches up, or after the blob is registered")
                .withDetails(ShardPlacement.STORAGE_DOMAIN, Map.of());
    }
}
