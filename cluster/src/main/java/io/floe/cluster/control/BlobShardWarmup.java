package io.floe.cluster.control;

import io.floe.encoding.metadata.BlobId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every shard of the Blob entities a home, and this member's region its address, before the first store needs
 * it. Cluster Sharding allocates a shard when the first message for one of its entities arrives: the region asks the
 * coordinator, which writes its new state to a majority of the storage members, before the message goes on; and
 * every other region asks the coordinator once more the first time it meets the shard. With Pekko's default of 1000
 * shards, each of a fresh network's first few thousand stores met a new shard at the gateway and at every node
 * (tens of milliseconds of a 1 KiB store). After a start-up each gateway asks one Blob entity per shard for its
 * status: a read of an entity whose blob nobody stored (its ID is random), which persists nothing, so the warm-up
 * changes no state. Best effort: a failed ask only leaves that shard to be allocated by the first store, as before.
 */
final class BlobShardWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(BlobShardWarmup.class);

    private BlobShardWarmup() {
    }

    /** One random blob ID per shard of {@code numberOfShards}, as the default message extractor places entity IDs. */
    static List<BlobId> onePerShard(int numberOfShards, SecureRandom random) {
        HashCodeMessageExtractor<Object> placement = new HashCodeMessageExtractor<>(numberOfShards);
        Map<String, BlobId> found = new HashMap<>();
        byte[] bytes = new byte[32];
        while (found.size() < numberOfShards) {
            random.nextBytes(bytes);
            BlobId id = BlobId.of(bytes);
            found.putIfAbsent(placement.shardId(id.toString()), id);
        }
        return new ArrayList<>(found.values());
    }

    /** Asks in flight at once: a fresh network recovers one entity per shard, which should not crowd out stores. */
    static final int IN_FLIGHT = 16;

    /** Asks {@code status} for one blob of every shard, {@link #IN_FLIGHT} at a time; completes when all ended. */
    static CompletionStage<Void> run(int numberOfShards, Function<BlobId, CompletionStage<?>> status) {
        long start = System.nanoTime();
        List<BlobId> ids = onePerShard(numberOfShards, new SecureRandom());
        AtomicInteger ok = new AtomicInteger();
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (int from = 0; from < ids.size(); from += IN_FLIGHT) {
            List<BlobId> group = ids.subList(from, Math.min(ids.size(), from + IN_FLIGHT));
            done = done.thenCompose(previous -> CompletableFuture.allOf(group.stream()
                    .map(id -> ask(status, id).handle((answer, error) -> error == null ? ok.incrementAndGet() : 0)
                            .toCompletableFuture())
                    .toArray(CompletableFuture[]::new)));
        }
        return done.thenRun(() -> LOG.info("Blob entity shards warmed: {} of {} in {} ms", ok.get(), numberOfShards,
                (System.nanoTime() - start) / 1_000_000));
    }

    /** The ask for {@code id}, with an exception thrown while asking turned into a failed stage (never thrown). */
    private static CompletionStage<?> ask(Function<BlobId, CompletionStage<?>> status, BlobId id) {
        try {
            return status.apply(id);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
