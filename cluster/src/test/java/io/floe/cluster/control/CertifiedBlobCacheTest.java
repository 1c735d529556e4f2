package io.floe.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CertifiedBlobCacheTest {
    private static final long WAIT_MS = CertifiedBlobCache.PATIENCE.toMillis() + 5_000;

    private final BlobId id = BlobId.of(new byte[BlobId.LENGTH]);
    private final Registration registration = new Registration(ObjectId.random(), "gateway", 100, 1000, Epoch.GENESIS,
            new Epoch(5), false, 10, Optional.of(Epoch.GENESIS));
    private final BlobRecord certified = new BlobRecord(id, List.of(registration));
    private final BlobRecord invalid = new BlobRecord(id, List.of(registration), true);
    private final CertifiedBlobCache cache = new CertifiedBlobCache();

    /** Nothing answers within patience plus a margin: the lookup waits for an entity that stays silent. */
    private static void assertNoAnswer(CompletableFuture<BlobRecord> answer, String why) {
        assertNull(answer.completeOnTimeout(null, CertifiedBlobCache.PATIENCE.toMillis() + 500, TimeUnit.MILLISECONDS)
                .join(), why);
    }

    @Test
    void withoutACachedRecordTheEntitysAnswerIsAwaited() {
        CompletableFuture<BlobRecord> entity = new CompletableFuture<>();
        CompletableFuture<BlobRecord> answer = cache.lookup(id, () -> entity).toCompletableFuture();
        assertNoAnswer(answer, "no answer without the entity");
        entity.complete(certified);
    }

    @Test
    void aSilentEntityIsReplacedByTheCachedRecordAfterPatience() throws Exception {
        cache.offer(certified);
        long start = System.nanoTime();
        BlobRecord answer = cache.lookup(id, CompletableFuture::new).toCompletableFuture()
                .get(WAIT_MS, TimeUnit.MILLISECONDS);
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertSame(certified, answer);
        assertTrue(waited >= CertifiedBlobCache.PATIENCE.toMillis() - 50, "waited " + waited + " ms first");
    }

    @Test
    void aFailedAskFallsBackToTheCachedRecord() throws Exception {
        cache.offer(certified);
        BlobRecord answer = cache.lookup(id, () -> CompletableFuture.failedFuture(new IllegalStateException("down")))
                .toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertSame(certified, answer);
    }

    @Test
    void anAnsweringEntityWinsAndItsInvalidMarkingEvictsTheRecord() throws Exception {
        cache.offer(certified);
        assertEquals(invalid, cache.lookup(id, () -> CompletableFuture.completedFuture(invalid)).toCompletableFuture()
                .get(WAIT_MS, TimeUnit.MILLISECONDS));
        assertNoAnswer(cache.lookup(id, CompletableFuture::new).toCompletableFuture(),
                "an invalid blob is never answered from the cache");
    }

    @Test
    void onlyReadableRecordsAreCached() {
        cache.offer(new BlobRecord(id, List.of(new Registration(ObjectId.random(), "gateway", 100, 1000,
                Epoch.GENESIS, new Epoch(5), false, 10, Optional.empty()))));
        cache.offer(invalid);
        CompletableFuture<BlobRecord> answer = cache.lookup(id, CompletableFuture::new).toCompletableFuture();
        assertNoAnswer(answer, "nothing cached for uncertified or invalid records");
        cache.offer(certified);
        cache.forget(id);
        assertNoAnswer(cache.lookup(id, CompletableFuture::new).toCompletableFuture(),
                "a forgotten blob is not answered from the cache");
    }
}
