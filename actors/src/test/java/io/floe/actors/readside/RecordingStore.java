package io.floe.actors.readside;

import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.readside.BlobIndexPage;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStore;
import io.floe.persistence.readside.BlobIndexStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that records every successful apply and fails the first {@code failures} applies, for projection tests. */
final class RecordingStore implements BlobIndexStore {
    /** One successful apply: the rows written and the offset after them. */
    record Applied(List<BlobIndexRow> rows, String offset) {
    }

    private final BlobIndexStore store;
    private final AtomicInteger failuresLeft;
    private final AtomicInteger failed = new AtomicInteger();
    private final List<Applied> applied = new ArrayList<>();

    RecordingStore(BlobIndexStore store, int failures) {
        this.store = store;
        this.failuresLeft = new AtomicInteger(failures);
    }

    synchronized List<Applied> applied() {
        return List.copyOf(applied);
    }

    int failed() {
        return failed.get();
    }

    @Override
    public CompletionStage<Void> apply(List<BlobIndexRow> rows, String offset) {
        if (failuresLeft.getAndDecrement() > 0) {
            failed.incrementAndGet();
            return CompletableFuture.failedFuture(new BlobIndexStoreException("injected failure", null));
        }
        return store.apply(rows, offset).thenApply(done -> {
            synchronized (this) {
                applied.add(new Applied(List.copyOf(rows), offset));
            }
            return done;
        });
    }

    @Override
    public CompletionStage<Optional<String>> offset() {
        return store.offset();
    }

    @Override
    public CompletionStage<Optional<BlobIndexRow>> blob(BlobId blobId) {
        return store.blob(blobId);
    }

    @Override
    public CompletionStage<BlobIndexPage> blobsByOwner(String owner, Optional<BlobId> after, int limit,
                                                       Optional<io.floe.protocol.committee.Epoch> activeIn) {
        return store.blobsByOwner(owner, after, limit, activeIn);
    }

    @Override
    public CompletionStage<Optional<BlobId>> blobOfObject(io.floe.protocol.blob.ObjectId objectId) {
        return store.blobOfObject(objectId);
    }

    @Override
    public CompletionStage<BlobIndexPage> blobs(Optional<BlobId> after, int limit) {
        return store.blobs(after, limit);
    }

    @Override
    public void close() {
        store.close();
    }
}
