package io.floe.cluster.readside;

import io.floe.api.gateway.BlobListings;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.readside.BlobIndexPage;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's {@link BlobListings} on a read-side store. It answers {@link BlobListings.NotReady} until the projection
 * has recorded an offset in the store (it has started at least once), when the store fails, and when the store
 * does not answer within the timeout; a listing never waits longer than that.
 */
public final class ReadSideListings implements BlobListings {
    private final BlobIndexStore store;
    private final Duration timeout;
    // Once the projection has started it never "unstarts", so one sighting of an offset is enough.
    private volatile boolean started;

    public ReadSideListings(BlobIndexStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    public CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit) {
        return whenStarted(() -> store.blobsByOwner(owner, cursor, limit));
    }

    @Override
    public CompletionStage<Page> all(Optional<BlobId> cursor, int limit) {
        return whenStarted(() -> store.blobs(cursor, limit));
    }

    private CompletionStage<Page> whenStarted(Supplier<CompletionStage<BlobIndexPage>> query) {
        CompletionStage<BlobIndexPage> page;
        if (started) {
            page = CompletableFuture.completedFuture(null).thenCompose(x -> query.get());
        } else {
            page = store.offset().thenCompose(offset -> {
                if (offset.isEmpty()) {
                    throw new NotReady("the read-side projection has not started yet", null);
                }
                started = true;
                return query.get();
            });
        }
        return page.toCompletableFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((answer, failure) -> {
                    if (failure == null) {
                        return toPage(answer);
                    }
                    throw notReady(failure);
                });
    }

    private NotReady notReady(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof NotReady notReady) {
            return notReady;
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return new NotReady("the read-side store did not answer within " + timeout.toSeconds() + " s", cause);
        }
        return new NotReady(cause.getMessage(), cause);
    }

    static Page toPage(BlobIndexPage page) {
        return new Page(page.rows().stream().map(ReadSideListings::toEntry).toList(), page.next());
    }

    static Entry toEntry(BlobIndexRow row) {
        return new Entry(row.blobId(), Status.valueOf(row.status().name()), row.size(), row.endEpoch(),
                row.registrations().stream().map(r -> new Owner(r.owner(), r.objectId())).toList(),
                row.certifiedEpoch());
    }
}
