package io.floe.api.node;

import io.floe.api.json.ApiException;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.metadata.VerifiedMetadata;
import io.floe.encoding.redstuff.Sliver;
import io.floe.protocol.committee.EpochCommittees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Uploads sent with Walrus's {@code ?pending=true} before this node has seen the blob registered: verified metadata
 * and slivers held in memory until a registration check passes, then written to the store. Walrus's node keeps the
 * same buffers ({@code PendingMetadataCache}, {@code PendingSliverCache}); like it, Floe re-checks the registration
 * right after buffering and flushes at once when it passes, and flushes again at the confirmation request.
 *
 * <p>Invariants: only verified metadata, and only slivers verified against the buffered metadata of their blob, are
 * held; a blob's slivers never outlive its metadata here; at most {@value #MAX_BLOBS} blobs and {@link #maxBytes}
 * bytes (metadata and slivers, each sized by its data plus a small framing estimate, never by copying it) are held,
 * one blob at most {@code 1/}{@value #BLOB_SHARE} of them, so that nobody fills the buffer with one blob, and uploads
 * held for a gateway ({@link #holdMetadata}) at most {@value #MAX_HELD_BLOBS} blobs and {@code 1/}{@value #HELD_SHARE}
 * of the bytes, expiring after {@link #heldTtlNanos}, so that a gateway whose registrations fail leaves Walrus's
 * pending uploads their room. A full buffer refuses, it never evicts, so an accepted 202 is not silently lost
 * before its confirmation; entries older than {@link #ttlNanos} (counted from the metadata's arrival) are dropped,
 * as Walrus's caches expire theirs.
 * Thread-safe; nothing is copied or written to the store while the lock is held.
 */
final class PendingUploads {
    static final String CACHE_SATURATED = "CACHE_SATURATED";
    static final int MAX_BLOBS = 1024;
    static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** One blob holds at most this fraction of {@link #maxBytes}. */
    static final int BLOB_SHARE = 4;
    /** Per buffered item beyond its data: key, record and array headers (an estimate: sizes are never measured). */
    static final int FRAMING_BYTES = 64;
    /** Per sliver pair of buffered metadata: two Merkle roots of 32 bytes and their tags. */
    static final int METADATA_PAIR_BYTES = 2 * 33;
    /**
     * Metadata only has to hash to its blob ID, so anyone can buffer it: a blob that is not registered within this
     * time never will be by a live upload (Walrus's default is a minute; this leaves a slow writer some slack).
     */
    static final long DEFAULT_TTL_NANOS = TimeUnit.MINUTES.toNanos(2);
    /**
     * Uploads a gateway sent to hold while it registers the blob ({@link #holdMetadata}, {@code floe-upload/pending})
     * are asked for their confirmation as soon as the registration passes, or never when it failed: they expire after
     * this time, so that failing registrations do not keep them for the whole {@link #DEFAULT_TTL_NANOS}.
     */
    static final long HELD_TTL_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** At most this many of the buffered blobs are held for a gateway, so Walrus's pending uploads keep room. */
    static final int MAX_HELD_BLOBS = MAX_BLOBS / 4;
    /** Held uploads take at most {@code 1/}{@value #HELD_SHARE} of {@link #maxBytes}. */
    static final int HELD_SHARE = 2;

    /** A blob's buffered upload. */
    record Upload(VerifiedMetadata metadata, Map<SliverKey, Sliver> slivers) {
    }

    record SliverKey(SliverPairIndex pair, SliverType type) {
    }

    private static final class Entry {
        final VerifiedMetadata metadata;
        final Map<SliverKey, Sliver> slivers = new LinkedHashMap<>();
        final long createdNanos = System.nanoTime();
        /** Held for a gateway ({@link #holdMetadata}): counted against the held bounds, expires after heldTtl. */
        final boolean held;
        long bytes;

        Entry(VerifiedMetadata metadata, long bytes, boolean held) {
            this.metadata = metadata;
            this.bytes = bytes;
            this.held = held;
        }
    }

    private final Map<BlobId, Entry> entries = new LinkedHashMap<>();
    private final long maxBytes;
    private final long ttlNanos;
    private final long heldTtlNanos;
    private long bytes;
    /** Of {@link #bytes}, those of held entries, and how many held entries there are. */
    private long heldBytes;
    private int heldBlobs;

    PendingUploads() {
        this(DEFAULT_MAX_BYTES, DEFAULT_TTL_NANOS);
    }

    /** Held uploads expire after {@link #HELD_TTL_NANOS}, or {@code ttlNanos} when shorter. */
    PendingUploads(long maxBytes, long ttlNanos) {
        this(maxBytes, ttlNanos, Math.min(ttlNanos, HELD_TTL_NANOS));
    }

    PendingUploads(long maxBytes, long ttlNanos, long heldTtlNanos) {
        this.maxBytes = maxBytes;
        this.ttlNanos = ttlNanos;
        this.heldTtlNanos = heldTtlNanos;
    }

    /** The buffered metadata of the blob, if any. */
    synchronized Optional<VerifiedMetadata> metadata(BlobId blobId) {
        expire();
        return Optional.ofNullable(entries.get(blobId)).map(e -> e.metadata);
    }

    /** The bytes held, as the bound counts them. */
    synchronized long bytes() {
        return bytes;
    }

    /** Buffers the metadata: true when newly buffered, false when it already was; throws when full. */
    synchronized boolean putMetadata(VerifiedMetadata metadata) {
        return put(metadata, false);
    }

    /**
     * As {@link #putMetadata}, for an upload a gateway sends to hold while it registers the blob: within
     * {@link #MAX_HELD_BLOBS} and {@code 1/}{@value #HELD_SHARE} of the bytes, dropped after the held TTL.
     */
    synchronized boolean holdMetadata(VerifiedMetadata metadata) {
        return put(metadata, true);
    }

    private boolean put(VerifiedMetadata metadata, boolean held) {
        expire();
        if (entries.containsKey(metadata.blobId())) {
            return false;
        }
        if (entries.size() >= MAX_BLOBS || held && heldBlobs >= MAX_HELD_BLOBS) {
            throw full(held ? "held blobs" : "blobs");
        }
        long size = (long) metadata.metadata().nShards() * METADATA_PAIR_BYTES + FRAMING_BYTES;
        reserve(0, size, held);
        entries.put(metadata.blobId(), new Entry(metadata, size, held));
        add(size, held);
        if (held) {
            heldBlobs++;
        }
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
        long size = sliverBytes(sliver);
        reserve(entry.bytes, size, entry.held);
        entry.slivers.put(key, sliver);
        entry.bytes += size;
        add(size, entry.held);
        return Buffered.NEW;
    }

    /** Removes and returns the blob's buffered upload, to be written now that its registration passed. */
    synchronized Optional<Upload> take(BlobId blobId) {
        Entry entry = entries.remove(blobId);
        if (entry == null) {
            return Optional.empty();
        }
        add(-entry.bytes, entry.held);
        if (entry.held) {
            heldBlobs--;
        }
        return Optional.of(new Upload(entry.metadata, Map.copyOf(entry.slivers)));
    }

    /**
     * Writes the blob's buffered upload to the node's store, once a registration check has passed: the metadata
     * unless stored already, and each sliver of a shard this node may still write (ownership may have moved since it
     * was buffered). The metadata is written before the entry leaves the buffer, so that a sliver PUT that finds the
     * entry gone ({@link Buffered#GONE}) finds the metadata stored. Blocking: call on the blocking executor.
     */
    void flush(NodeBackend backend, BlobId blobId) {
        Optional<VerifiedMetadata> metadata = metadata(blobId);
        if (metadata.isEmpty()) {
            return;
        }
        if (backend.metadata(blobId).isEmpty()) {
            backend.storeMetadata(metadata.get());
        }
        Optional<Upload> upload = take(blobId);
        if (upload.isEmpty()) {
            return;
        }
        EpochCommittees epochs = backend.epochs();
        List<SliverBatch.Entry> fresh = new ArrayList<>();
        upload.get().slivers().forEach((key, sliver) -> {
            if (ShardPlacement.isWritable(backend, epochs, blobId, key.pair())
                    && !backend.hasSliver(blobId, key.type(), key.pair())) {
                fresh.add(new SliverBatch.Entry(key.pair(), sliver));
            }
        });
        // One write for the whole upload, as a sliver batch PUT stores its slivers.
        if (!fresh.isEmpty()) {
            backend.storeSlivers(blobId, fresh);
        }
    }

    /**
     * After buffering: when the blob's registration passes now (it may have landed after the caller's check), writes
     * its buffered upload at once rather than waiting for another trigger, as Walrus's node does. Completes with
     * whether it did.
     */
    CompletionStage<Boolean> flushIfRegistered(NodeBackend backend, SeenRegistrations registrations, BlobId blobId,
                                               Executor blocking) {
        return registrations.active(blobId, false).thenApplyAsync(registered -> {
            if (registered) {
                flush(backend, blobId);
            }
            return registered;
        }, blocking);
    }

    static long sliverBytes(Sliver sliver) {
        return (long) sliver.data().length + FRAMING_BYTES;
    }

    private void add(long size, boolean held) {
        bytes += size;
        if (held) {
            heldBytes += size;
        }
    }

    /**
     * Refuses {@code size} more bytes for a blob holding {@code blobBytes} when the buffer, its share, or (for a
     * {@code held} blob) the held uploads' share is full.
     */
    private void reserve(long blobBytes, long size, boolean held) {
        if (blobBytes + size > maxBytes / BLOB_SHARE) {
            throw full("one blob may hold " + (maxBytes / BLOB_SHARE) + " bytes");
        }
        if (bytes + size > maxBytes || held && heldBytes + size > maxBytes / HELD_SHARE) {
            expire();
            if (bytes + size > maxBytes) {
                throw full("bytes");
            }
            if (held && heldBytes + size > maxBytes / HELD_SHARE) {
                throw full("held uploads may hold " + (maxBytes / HELD_SHARE) + " bytes");
            }
        }
    }

    private void expire() {
        long now = System.nanoTime();
        List<BlobId> old = new ArrayList<>();
        entries.forEach((id, e) -> {
            if (now - e.createdNanos > (e.held ? heldTtlNanos : ttlNanos)) {
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
