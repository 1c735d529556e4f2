package io.floe.cluster.control;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Blob records a member saw readable (certified, not invalid) a short while ago, so that a lookup does not hang on a
 * Blob entity whose member just died: the entity is always asked, and only if it has not answered within
 * {@link #PATIENCE} (or fails) is the cached record used instead. A certified registration stays certified until its
 * end epoch, so the cached answer is right unless the blob was marked invalid meanwhile; that is why entries live
 * only {@link #TTL}, and every answer of the entity replaces its entry or, when no longer readable, removes it: while
 * the entity answers, invalid marking wins at once.
 *
 * <p>Thread-safe. Holds at most {@link #MAX_ENTRIES} records (it is emptied when full: a miss only costs a wait).
 */
final class CertifiedBlobCache {
    /** Short next to an epoch, long next to a cluster fail-over (8-22 s): bounds how stale an answer can be. */
    static final Duration TTL = Duration.ofSeconds(30);
    /** A live entity answers in milliseconds; past this its member is probably gone and fail-over is running. */
    static final Duration PATIENCE = Duration.ofSeconds(2);
    static final int MAX_ENTRIES = 100_000;

    private record Entry(BlobRecord record, long expiresAtNanos) {
    }

    private final Map<BlobId, Entry> entries = new ConcurrentHashMap<>();

    /** Remembers a readable record, forgets the blob otherwise. */
    void offer(BlobRecord record) {
        if (!record.readable()) {
            entries.remove(record.blobId());
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(record.blobId(), new Entry(record, System.nanoTime() + TTL.toNanos()));
    }

    void forget(BlobId id) {
        entries.remove(id);
    }

    /** The record {@code ask} answers, or the cached one if that takes longer than {@link #PATIENCE} or fails. */
    CompletionStage<BlobRecord> lookup(BlobId id, Supplier<CompletionStage<BlobRecord>> ask) {
        Optional<BlobRecord> cached = fresh(id);
        CompletionStage<BlobRecord> asked = ask.get().thenApply(record -> {
            offer(record);
            return record;
        });
        if (cached.isEmpty()) {
            return asked;
        }
        CompletableFuture<BlobRecord> answer = new CompletableFuture<>();
        asked.whenComplete((record, error) -> answer.complete(error == null ? record : cached.get()));
        CompletableFuture.delayedExecutor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> answer.complete(cached.get()));
        return answer;
    }

    private Optional<BlobRecord> fresh(BlobId id) {
        Entry e = entries.get(id);
        if (e == null) {
            return Optional.empty();
        }
        if (e.expiresAtNanos() - System.nanoTime() <= 0) {
            entries.remove(id, e);
            return Optional.empty();
        }
        return Optional.of(e.record());
    }
}
