package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobEntity;
import io.floe.actors.blob.ObjectCommands;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.persistence.sliver.BlobLifetimes;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The processor's garbage collection against a real journal and a real RocksDB store. */
class BlobCollectionTest extends ProcessorTestBase {
    @Test
    void aDeletionThatLeavesNothingDropsTheBlobAndNothingRecoversIt() throws Exception {
        EncodedBlob blob = blob();
        ObjectId object = startHoldingCertified(blob, 5);
        assertHeld(blob);

        write(blob.blobId(), new ObjectCommands.Deleted(object, Optional.empty(), "delete-1"));
        awaitCursorAfter(3);
        assertDropped(blob);
        assertEquals(Set.of(object), lifetimes().deletedObjects(blob.blobId()));

        processor.recheck(blob.blobId());
        certify(blob);
        awaitCursorAfter(4);
        awaitPending(0);
        assertEquals(0, fake.callsFor(blob.blobId()), "a dropped blob is neither recovered nor repaired");
        assertDropped(blob);
    }

    @Test
    void aDeletionWithAnotherRegistrationLeftKeepsTheBlobUntilThatOneEnds() throws Exception {
        EncodedBlob blob = blob();
        EncodedBlob sentinel = blob();
        storeMyPairs(blob);
        storeMyPairs(sentinel);
        ObjectId mine = register(blob, 6);
        register(blob, 4);
        certify(blob);
        register(sentinel, 3);
        startProcessor(FAST);

        write(blob.blobId(), new ObjectCommands.Deleted(mine, Optional.of(new Epoch(4)), "delete-1"));
        awaitCursorAfter(5);
        assertHeld(blob);
        assertEquals(Optional.of(new Epoch(4)), lifetimes().keptUntil(blob.blobId()), "the deletion's kept-until");

        moveToEpoch(3);
        awaitDropped(sentinel);
        assertHeld(blob);
        moveToEpoch(4);
        awaitDropped(blob);
    }

    @Test
    void anEpochPassingTheirEndDropsTheExpiredBlobsOnly() throws Exception {
        EncodedBlob shortLived = blob();
        EncodedBlob extended = blob();
        EncodedBlob longLived = blob();
        for (EncodedBlob b : List.of(shortLived, extended, longLived)) {
            storeMyPairs(b);
            certify(b);
        }
        register(shortLived, 2);
        ObjectId object = register(extended, 2);
        write(extended.blobId(), new ObjectCommands.Extended(object, new Epoch(4), "extend-1"));
        register(longLived, 3);
        startProcessor(FAST);
        awaitCursorAfter(7);

        moveToEpoch(2);
        awaitDropped(shortLived);
        assertHeld(extended);
        assertHeld(longLived);
        moveToEpoch(3);
        awaitDropped(longLived);
        assertHeld(extended);
        assertEquals(0, fake.callsFor(shortLived.blobId()) + fake.callsFor(longLived.blobId()));
    }

    @Test
    void aRestartSkipsNeitherADeletionNorAnEpochThatPassedWhileItWasDown() throws Exception {
        EncodedBlob deleted = blob();
        EncodedBlob expiring = blob();
        EncodedBlob kept = blob();
        ObjectId object = register(deleted, 9);
        register(expiring, 2);
        register(kept, 9);
        for (EncodedBlob b : List.of(deleted, expiring, kept)) {
            storeMyPairs(b);
            certify(b);
        }
        startProcessor(FAST);
        awaitCursorAfter(6);

        processor.close();
        write(deleted.blobId(), new ObjectCommands.Deleted(object, Optional.empty(), "delete-1"));
        moveToEpoch(2);
        restartProcessorAndStore();

        awaitDropped(expiring);
        awaitDropped(deleted);
        awaitCursorAfter(7);
        assertHeld(kept);
        assertEquals(1, metrics.snapshot().eventsProcessed(), "only the deletion after the cursor");
    }

    @Test
    void aLaterRegistrationBringsADroppedBlobBackAndItsCertificationRecoversIt() throws Exception {
        EncodedBlob blob = blob();
        storeMyPairs(blob);
        register(blob, 2);
        certify(blob);
        startProcessor(FAST);
        awaitCursorAfter(2);
        moveToEpoch(2);
        awaitDropped(blob);

        register(blob, 1);
        awaitCursorAfter(3);
        assertTrue(lifetimes().isDropped(blob.blobId()), "a registration that ended already keeps nothing");
        register(blob, 5);
        awaitCursorAfter(4);
        assertFalse(lifetimes().isDropped(blob.blobId()));
        assertEquals(0, fake.callsFor(blob.blobId()), "not owed before it is certified again");

        certify(blob);
        awaitHealed(blob);
        assertEquals(4, fake.callsFor(blob.blobId()));
    }

    @Test
    void aBlobDroppedWhileItsRecoveryKeepsFailingLeavesTheBacklog() throws Exception {
        EncodedBlob blob = blob();
        fake.failuresLeft.put(blob.blobId(), new AtomicInteger(Integer.MAX_VALUE));
        register(blob, 2);
        certify(blob);
        startProcessor(FAST);
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertTrue(fake.callsFor(blob.blobId()) > 0, "tried");
            return null;
        });

        moveToEpoch(2);
        awaitPending(0);
        assertTrue(new NodeProgress(store).backlog().isEmpty());
        assertDropped(blob);
    }

    @Test
    void aDeletionLeavingNothingKeepsTheBlobWhenItsEntityShowsANewerRegistration() throws Exception {
        EncodedBlob blob = blob();
        ObjectId old = startHoldingCertified(blob, 5);
        // Registered and certified again after the deletion; the feed has not shown that yet.
        records.answer(blob.blobId(), new BlobRecord(blob.blobId(), List.of(registration(ObjectId.random(), 7))));

        write(blob.blobId(), new ObjectCommands.Deleted(old, Optional.empty(), "delete-1"));
        awaitCursorAfter(3);
        assertHeld(blob);
        assertEquals(Optional.of(new Epoch(7)), lifetimes().keptUntil(blob.blobId()), "the entity's kept-until");
        assertEquals(1, records.asks(blob.blobId()));
    }

    @Test
    void anEpochCollectionKeepsABlobItsEntityShowsExtendedAndRecordsTheNewEnd() throws Exception {
        EncodedBlob blob = blob();
        ObjectId object = startHoldingCertified(blob, 2);
        // Extended just before the epoch change; the Extended event is still behind the feed.
        records.answer(blob.blobId(), new BlobRecord(blob.blobId(), List.of(registration(object, 4))));

        moveToEpoch(2);
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertEquals(Optional.of(new Epoch(4)), lifetimes().keptUntil(blob.blobId()));
            return null;
        });
        assertHeld(blob);
    }

    @Test
    void anUnansweredRecordKeepsTheBlobUntilALaterRunHearsThatNothingKeepsIt() throws Exception {
        EncodedBlob blob = blob();
        storeMyPairs(blob);
        ObjectId object = register(blob, 5);
        certify(blob);
        startProcessor(FAST);
        awaitCursorAfter(2);
        records.silence(blob.blobId());

        write(blob.blobId(), new ObjectCommands.Deleted(object, Optional.empty(), "delete-1"));
        awaitCursorAfter(3);
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertTrue(records.asks(blob.blobId()) >= 2, "asked again by a later run of the same epoch");
            return null;
        });
        assertHeld(blob);
        assertEquals(Optional.of(Epoch.GENESIS), lifetimes().keptUntil(blob.blobId()), "due, for the next run");

        records.follow(blob.blobId());
        awaitDropped(blob);
    }

    /** Stores this node's pairs of a blob registered until {@code endEpoch} and certified, and starts the processor. */
    private ObjectId startHoldingCertified(EncodedBlob blob, int endEpoch) throws Exception {
        storeMyPairs(blob);
        ObjectId object = register(blob, endEpoch);
        certify(blob);
        startProcessor(FAST);
        awaitCursorAfter(2);
        return object;
    }

    /** Writes a Registered event of a new object of the blob ending with {@code endEpoch}; answers its object ID. */
    private ObjectId register(EncodedBlob blob, int endEpoch) {
        ObjectId object = ObjectId.random();
        write(blob.blobId(), new BlobEntity.Registered(registration(object, endEpoch)));
        return object;
    }

    private static Registration registration(ObjectId object, int endEpoch) {
        return new Registration(object, "owner", 3000, 90_000, Epoch.GENESIS, new Epoch(endEpoch), true, 1,
                Optional.empty());
    }

    private BlobLifetimes lifetimes() {
        return new BlobLifetimes(store);
    }

    private void awaitDropped(EncodedBlob blob) {
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertDropped(blob);
            return null;
        });
    }

    private void assertDropped(EncodedBlob blob) {
        BlobId id = blob.blobId();
        assertTrue(lifetimes().isDropped(id), "marked dropped: " + id);
        assertStored(id, false);
        assertFalse(new NodeProgress(store).isCertified(id), "no longer owed");
        assertEquals(Optional.empty(), lifetimes().keptUntil(id), "its lifetime record goes with its data");
    }

    private void assertHeld(EncodedBlob blob) {
        BlobId id = blob.blobId();
        assertFalse(lifetimes().isDropped(id), "not dropped: " + id);
        assertStored(id, true);
    }

    /** Whether the store holds the blob's metadata and both slivers on each of this node's shards. */
    private void assertStored(BlobId id, boolean held) {
        assertEquals(held, store.hasMetadata(id), "metadata of " + id);
        for (ShardIndex shard : COMMITTEE.shardsOf(SELF)) {
            assertEquals(held, store.hasSliver(shard, SliverType.PRIMARY, id), "primary on " + shard.value());
            assertEquals(held, store.hasSliver(shard, SliverType.SECONDARY, id), "secondary on " + shard.value());
        }
    }
}
