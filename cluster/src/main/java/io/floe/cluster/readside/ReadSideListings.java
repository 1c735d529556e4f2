package io.floe.cluster.readside;

import io.floe.api.gateway.BlobListings;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.readside.BlobIndexPage;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStore;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The gateway's {@link BlobListings} on a read-side store. It answers {@link BlobListings.NotReady} until the projection
 * has recorded an offset in the store (it has started at least once), when the store fails, and when the store
 * does not answer within the timeout; a listing never waits longer than that. Owner listings hide burned objects
 * and, unless asked to include them, registrations that ended by the current epoch (from {@code currentEpoch}).
 */
public final class ReadSideListings implements BlobListings {
    private final BlobIndexStore store;
    private final Duration timeout;
    private final Supplier<CompletionStage<Optional<Epoch>>> currentEpoch;
    // Once the projection has started it never "unstarts", so one sighting of an offset is enough.
    private volatile boolean started;

    /** Listings that know no epoch: nothing is hidden as expired. */
    public ReadSideListings(BlobIndexStore store, Duration timeout) {
        this(store, timeout, () -> CompletableFuture.completedFuture(Optional.empty()));
    }

    /** @param currentEpoch the epoch now, by which registrations expire; a failed stage makes a listing not ready */
    public ReadSideListings(BlobIndexStore store, Duration timeout,
                            Supplier<CompletionStage<Optional<Epoch>>> currentEpoch) {
        this.store = store;
        this.timeout = timeout;
        this.currentEpoch = currentEpoch;
    }

    @Override
    public CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit) {
        return byOwner(owner, cursor, limit, false);
    }

    @Override
    public CompletionStage<Page> byOwner(String owner, Optional<BlobId> cursor, int limit, boolean includeExpired) {
        CompletionStage<Optional<Epoch>> activeIn = includeExpired
                ? CompletableFuture.completedFuture(Optional.empty()) : currentEpoch.get();
        return activeIn.thenCompose(epoch -> whenStarted(() -> store.blobsByOwner(owner, cursor, limit, epoch))
                .thenApply(page -> toPage(page, epoch)));
    }

    @Override
    public CompletionStage<Page> all(Optional<BlobId> cursor, int limit) {
        return whenStarted(() -> store.blobs(cursor, limit)).thenApply(page -> toPage(page, Optional.empty()));
    }

    @Override
    public CompletionStage<Optional<BlobId>> blobOfObject(ObjectId objectId) {
        return whenStarted(() -> store.blobOfObject(objectId));
    }

    private <T> CompletionStage<T> whenStarted(Supplier<CompletionStage<T>> query) {
        CompletionStage<T> page;
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
                        return answer;
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

    /** The page's entries; their owners leave out burned objects and those that ended by {@code activeIn}. */
    static Page toPage(BlobIndexPage page, Optional<Epoch> activeIn) {
        return new Page(page.rows().stream().map(row -> toEntry(row, activeIn)).toList(), page.next());
    }

    static Entry toEntry(BlobIndexRow row, Optional<Epoch> activeIn) {
        return new Entry(row.blobId(), Status.valueOf(row.status().name()), row.size(), row.endEpoch(),
                row.registrations().stream().filter(r -> r.listedFor(r.owner(), activeIn))
                        .map(r -> new Owner(r.owner(), r.objectId())).toList(),
                row.certifiedEpoch());
    }
}
