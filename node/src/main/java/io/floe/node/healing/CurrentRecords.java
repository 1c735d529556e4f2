package io.floe.node.healing;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the control plane (the blobs' entities) for blobs' current records, which run ahead of the node's event feed.
 * Invariant: one call never waits longer than {@code wait} however many blobs it asks about (the asks run at once,
 * against one deadline), and a blob whose record did not come in time is simply absent from the answer. Blocking.
 */
final class CurrentRecords {
    private static final Logger LOG = LoggerFactory.getLogger(CurrentRecords.class);

    private final Function<BlobId, CompletionStage<BlobRecord>> source;
    private final Duration wait;

    CurrentRecords(Function<BlobId, CompletionStage<BlobRecord>> source, Duration wait) {
        this.source = source;
        this.wait = wait;
    }

    /** The records of those of {@code blobIds} that answered within the wait. */
    Map<BlobId, BlobRecord> ask(List<BlobId> blobIds) {
        Map<BlobId, CompletableFuture<BlobRecord>> asked = new LinkedHashMap<>();
        blobIds.forEach(id -> asked.put(id, start(id)));
        long deadline = System.nanoTime() + wait.toNanos();
        Map<BlobId, BlobRecord> answered = new HashMap<>();
        for (Map.Entry<BlobId, CompletableFuture<BlobRecord>> e : asked.entrySet()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                answered.put(e.getKey(), e.getValue().get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException | ExecutionException failed) {
                LOG.debug("No current record of blob {}: {}", e.getKey(), failed.toString());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return answered;
    }

    private CompletableFuture<BlobRecord> start(BlobId id) {
        try {
            return source.apply(id).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
