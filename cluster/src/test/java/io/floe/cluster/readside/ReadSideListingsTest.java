package io.floe.cluster.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.gateway.BlobListings;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStore;
import io.floe.persistence.readside.EmbeddedBlobIndexStore;
import io.floe.persistence.readside.IndexedRegistration;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadSideListingsTest {
    @TempDir
    Path dir;
    private BlobIndexStore store;
    private BlobListings index;

    @BeforeEach
    void open() {
        store = EmbeddedBlobIndexStore.open("jdbc:h2:file:" + dir.resolve("rs").toAbsolutePath(), "sa", "");
        index = new ReadSideListings(store, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void isNotReadyUntilTheProjectionHasStarted() throws Exception {
        assertInstanceOf(BlobListings.NotReady.class, failure(index.byOwner("gateway", Optional.empty(), 10)));
        await(store.apply(List.of(), "start"));
        assertEquals(new BlobListings.Page(List.of(), Optional.empty()), await(index.all(Optional.empty(), 10)));
    }

    @Test
    void answersEntriesAndIsNotReadyWhenTheStoreFails() throws Exception {
        ObjectId oid = ObjectId.of(new byte[32]);
        BlobIndexRow row = BlobIndexRow.empty(BlobId.of(new byte[32]))
                .withRegistration(new IndexedRegistration(oid, "gateway", 12, new Epoch(7), true, Optional.empty()))
                .withCertified(oid, new Epoch(2)).appliedThrough(2);
        await(store.apply(List.of(row), "seq:3"));
        BlobListings.Page page = await(index.byOwner("gateway", Optional.empty(), 10));
        assertEquals(List.of(new BlobListings.Entry(row.blobId(), BlobListings.Status.CERTIFIED, 12, new Epoch(7),
                List.of(new BlobListings.Owner("gateway", oid)), Optional.of(new Epoch(2)))), page.blobs());
        store.close();
        Throwable failure = failure(index.byOwner("gateway", Optional.empty(), 10));
        assertInstanceOf(BlobListings.NotReady.class, failure);
        assertTrue(failure.getMessage() != null && !failure.getMessage().isBlank());
    }

    @Test
    void hidesExpiredAndBurnedObjectsOfAnOwnerUnlessAskedForExpiredOnes() throws Exception {
        ObjectId ended = ObjectId.of(new byte[32]);
        byte[] other = new byte[32];
        other[0] = 1;
        ObjectId burned = ObjectId.of(other);
        BlobIndexRow row = BlobIndexRow.empty(BlobId.of(new byte[32]))
                .withRegistration(new IndexedRegistration(ended, "alice", 12, new Epoch(3), true, Optional.empty()))
                .withRegistration(new IndexedRegistration(burned, "alice", 12, new Epoch(9), true, Optional.empty()))
                .withBurned(List.of(burned)).appliedThrough(3);
        await(store.apply(List.of(row), "seq:3"));
        BlobListings inEpoch3 = new ReadSideListings(store, Duration.ofSeconds(5),
                () -> CompletableFuture.completedFuture(Optional.of(new Epoch(3))));
        assertEquals(List.of(), await(inEpoch3.byOwner("alice", Optional.empty(), 10)).blobs());
        BlobListings.Page all = await(inEpoch3.byOwner("alice", Optional.empty(), 10, true));
        assertEquals(List.of(new BlobListings.Owner("alice", ended)), all.blobs().get(0).owners());
        assertEquals(Optional.of(row.blobId()), await(inEpoch3.blobOfObject(burned)));
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
