package io.floe.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Epoch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every {@link BlobIndexStore} must do, run against each implementation by a subclass that says how to open
 * one: rows and offset written together and read back equal, rows replaced whole, owner and full listings paged
 * without gaps or duplicates, everything still there after the store is reopened. Public so that the Cassandra
 * subclass in multi-jvm-tests runs the same body.
 */
public abstract class BlobIndexStoreContract {
    private static final long TIMEOUT_SECONDS = 30;
    private final List<BlobIndexStore> opened = new ArrayList<>();
    private final Random random = new Random(42);
    private String namespace;

    /**
     * A store in the namespace {@code name} (a fresh database or keyspace the first time, the same data when
     * opened again with the same name); a letter, then letters, digits or {@code _}.
     */
    protected abstract BlobIndexStore open(String name);

    @org.junit.jupiter.api.BeforeEach
    void name(TestInfo test) {
        namespace = "rs_" + test.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "")
                + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(BlobIndexStore::close);
    }

    protected BlobIndexStore store() {
        BlobIndexStore store = open(namespace);
        opened.add(store);
        return store;
    }

    @Test
    void writesRowsAndOffsetTogether() throws Exception {
        BlobIndexStore store = store();
        assertEquals(Optional.empty(), await(store.offset()));
        BlobIndexRow row = row("alice", 1).withCertified(objectId(1), new Epoch(2)).appliedThrough(3);
        BlobIndexRow other = row("bob", 2);
        await(store.apply(List.of(row, other), "seq:7"));
        assertEquals(Optional.of("seq:7"), await(store.offset()));
        assertEquals(Optional.of(row), await(store.blob(row.blobId())));
        assertEquals(Optional.of(other), await(store.blob(other.blobId())));
        assertEquals(Optional.empty(), await(store.blob(randomBlobId())));
        await(store.apply(List.of(), "seq:8"));
        assertEquals(Optional.of("seq:8"), await(store.offset()));
    }

    @Test
    void replacesARowWhole() throws Exception {
        BlobIndexStore store = store();
        BlobIndexRow registered = row("alice", 1);
        await(store.apply(List.of(registered), "seq:1"));
        BlobIndexRow later = registered.withRegistration(registration(2, "bob", 9))
                .withCertified(objectId(2), new Epoch(3)).markedInvalid().appliedThrough(5);
        await(store.apply(List.of(later), "seq:2"));
        BlobIndexRow back = await(store.blob(registered.blobId())).orElseThrow();
        assertEquals(later, back);
        assertEquals(BlobIndexStatus.INVALID, back.status());
        assertEquals(List.of("alice", "bob"), back.owners());
        assertEquals(List.of(later), await(store.blobsByOwner("bob", Optional.empty(), 10)).rows());
        assertEquals(List.of(later), await(store.blobsByOwner("alice", Optional.empty(), 10)).rows());
    }

    @Test
    void pagesThroughTheBlobsOfOneOwner() throws Exception {
        BlobIndexStore store = store();
        List<BlobIndexRow> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(row("alice", i));
            rows.add(row("bob", 100 + i));
        }
        BlobIndexRow shared = row("bob", 200).withRegistration(registration(201, "alice", 5));
        rows.add(shared);
        await(store.apply(rows, "seq:1"));
        List<BlobIndexRow> alice = all(after -> store.blobsByOwner("alice", after, 3), 3);
        assertEquals(8, alice.size());
        assertTrue(alice.contains(shared));
        assertTrue(alice.stream().allMatch(r -> r.owners().contains("alice")));
        assertEquals(8, all(after -> store.blobsByOwner("bob", after, 8), 8).size());
        assertEquals(List.of(), await(store.blobsByOwner("carol", Optional.empty(), 5)).rows());
    }

    @Test
    void pagesThroughEveryBlob() throws Exception {
        BlobIndexStore store = store();
        List<BlobIndexRow> rows = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            rows.add(row(i % 2 == 0 ? "alice" : "bob", i));
        }
        await(store.apply(rows, "seq:1"));
        List<BlobIndexRow> listed = all(after -> store.blobs(after, 4), 4);
        assertEquals(new HashSet<>(rows), new HashSet<>(listed));
        assertEquals(11, await(store.blobs(Optional.empty(), BlobIndexStore.MAX_PAGE)).rows().size());
        assertThrows(IllegalArgumentException.class, () -> store.blobs(Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> store.blobsByOwner("alice", Optional.empty(), BlobIndexStore.MAX_PAGE + 1));
    }

    @Test
    void keepsRowsAndOffsetWhenReopened() throws Exception {
        BlobIndexStore first = store();
        BlobIndexRow row = row("alice", 1).withCertified(objectId(1), new Epoch(1)).appliedThrough(2);
        await(first.apply(List.of(row), "seq:42"));
        first.close();
        opened.remove(first);
        BlobIndexStore again = store();
        assertEquals(Optional.of("seq:42"), await(again.offset()));
        assertEquals(Optional.of(row), await(again.blob(row.blobId())));
        assertEquals(List.of(row), await(again.blobsByOwner("alice", Optional.empty(), 10)).rows());
    }

    @Test
    void listsAnOwnersLiveObjectsOnly() throws Exception {
        BlobIndexStore store = store();
        BlobIndexRow ending = BlobIndexRow.empty(randomBlobId()).withRegistration(registration(1, "alice", 5))
                .withRegistration(registration(2, "bob", 9)).appliedThrough(2);
        await(store.apply(List.of(ending), "seq:1"));
        assertEquals(List.of(ending), await(store.blobsByOwner("alice", Optional.empty(), 10,
                Optional.of(new Epoch(4)))).rows());
        assertEquals(List.of(), await(store.blobsByOwner("alice", Optional.empty(), 10,
                Optional.of(new Epoch(5)))).rows(), "expired at the end of its end epoch");
        assertEquals(List.of(ending), await(store.blobsByOwner("alice", Optional.empty(), 10)).rows(),
                "listed when expired ones are included");

        BlobIndexRow changed = ending.withBurned(List.of(objectId(2))).withOwner(objectId(1), "carol")
                .appliedThrough(4);
        await(store.apply(List.of(changed), "seq:2"));
        assertEquals(List.of(), await(store.blobsByOwner("bob", Optional.empty(), 10)).rows(), "burned");
        assertEquals(List.of(), await(store.blobsByOwner("alice", Optional.empty(), 10)).rows(), "given away");
        assertEquals(List.of(changed), await(store.blobsByOwner("carol", Optional.empty(), 10)).rows());
        assertEquals(Optional.of(changed), await(store.blob(changed.blobId())));
    }

    @Test
    void pagesPastBlobsAnOwnerNoLongerLists() throws Exception {
        BlobIndexStore store = store();
        List<BlobIndexRow> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rows.add(row("alice", i));
        }
        await(store.apply(rows, "seq:1"));
        List<BlobIndexRow> kept = new ArrayList<>();
        List<BlobIndexRow> changed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            BlobIndexRow r = rows.get(i);
            BlobIndexRow after = i % 3 == 0 ? r : r.withOwner(objectId(i), "bob").appliedThrough(2);
            changed.add(after);
            if (i % 3 == 0) {
                kept.add(r);
            }
        }
        await(store.apply(changed, "seq:2"));
        assertEquals(new HashSet<>(kept), new HashSet<>(all(after -> store.blobsByOwner("alice", after, 2), 2)));
    }

    @Test
    void findsTheBlobOfAnObjectUntilItIsDeleted() throws Exception {
        BlobIndexStore store = store();
        BlobIndexRow row = BlobIndexRow.empty(randomBlobId()).withRegistration(registration(1, "alice", 5))
                .withRegistration(registration(2, "bob", 9)).appliedThrough(2);
        await(store.apply(List.of(row, row("carol", 3)), "seq:1"));
        assertEquals(Optional.of(row.blobId()), await(store.blobOfObject(objectId(2))));
        assertEquals(Optional.empty(), await(store.blobOfObject(objectId(77))));
        await(store.apply(List.of(row.withoutRegistration(objectId(2)).appliedThrough(3)), "seq:2"));
        assertEquals(Optional.empty(), await(store.blobOfObject(objectId(2))));
        assertEquals(Optional.of(row.blobId()), await(store.blobOfObject(objectId(1))));
    }

    /** Every row of a listing, page after page, checking that no page is larger than asked or repeats a blob. */
    private List<BlobIndexRow> all(java.util.function.Function<Optional<BlobId>, CompletionStage<BlobIndexPage>> list,
                                   int limit) throws Exception {
        List<BlobIndexRow> rows = new ArrayList<>();
        Set<BlobId> seen = new HashSet<>();
        Optional<BlobId> after = Optional.empty();
        for (int pages = 0; pages < 100; pages++) {
            BlobIndexPage page = await(list.apply(after));
            assertTrue(page.rows().size() <= limit, "page larger than " + limit);
            for (BlobIndexRow r : page.rows()) {
                assertTrue(seen.add(r.blobId()), "listed twice: " + r.blobId());
                rows.add(r);
            }
            if (page.next().isEmpty()) {
                return rows;
            }
            after = page.next();
        }
        throw new AssertionError("listing did not end within 100 pages");
    }

    protected BlobIndexRow row(String owner, int seed) {
        return BlobIndexRow.empty(randomBlobId()).withRegistration(registration(seed, owner, 4 + seed % 3))
                .appliedThrough(1);
    }

    protected static IndexedRegistration registration(int seed, String owner, int endEpoch) {
        return new IndexedRegistration(objectId(seed), owner, 1000 + seed, new Epoch(endEpoch), seed % 2 == 0,
                Optional.empty());
    }

    protected static ObjectId objectId(int seed) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) seed;
        bytes[1] = (byte) (seed >> 8);
        return ObjectId.of(bytes);
    }

    protected BlobId randomBlobId() {
        byte[] bytes = new byte[BlobId.LENGTH];
        random.nextBytes(bytes);
        return BlobId.of(bytes);
    }

    protected static <T> T await(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
