package io.floe.node.sync;

import static io.floe.node.sync.SyncNetwork.EPOCH;
import static io.floe.node.sync.SyncNetwork.GAINED;
import static io.floe.node.sync.SyncNetwork.NEW;
import static io.floe.node.sync.SyncNetwork.N;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.node.NodeHealth;
import io.floe.api.node.NodeRequestException;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.SliverPair;
import io.floe.persistence.sliver.BlobLifetimes;
import io.floe.persistence.sliver.ShardSyncProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.SyncShardRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A new owner pulls a shard over the real sync route from a real old owner's store, into a real store of its own. */
@Timeout(120)
class ShardSyncDriverTest {
    private static final BlobId ZERO = BlobId.of(new byte[BlobId.LENGTH]);
    /** Five blobs at two per batch: three batches and an empty answer per sliver type. */
    private static final SyncSettings SETTINGS = new SyncSettings(2, Duration.ofSeconds(10), 2, Duration.ofSeconds(20),
            Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMinutes(2));

    @TempDir
    Path dir;
    SyncNetwork net;
    final AtomicInteger rechecks = new AtomicInteger();
    final AtomicBoolean recoveryIdle = new AtomicBoolean(true);
    /** The wall clock, moved by hand. */
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));

    @BeforeEach
    void start() {
        net = new SyncNetwork(dir);
    }

    @AfterEach
    void stop() {
        net.close();
    }

    private ShardSyncDriver driver() {
        SyncRecovery recovery = SyncRecovery.of(rechecks::incrementAndGet, recoveryIdle::get);
        return new ShardSyncDriver(new ShardSyncDriver.Parts(NEW, net.view(), net.control(), net.newStore, recovery,
                net.client(net.newKeys)), SETTINGS, now::get);
    }

    @Test
    void pullsAGainedShardInBatchesVerifiedThenRechecksAndReports() {
        List<EncodedBlob> blobs = net.storeBlobs(5);
        try (ShardSyncDriver driver = driver()) {
            driver.step();
            assertEquals(8, net.syncRequests.get(), "3 batches and an empty answer per type");
            assertHoldsGainedShard(net.newStore, blobs);
            assertEquals(1, rechecks.get());
            assertEquals(List.of(EPOCH), net.reported);
            assertEquals(NodeHealth.ShardSync.NONE, driver.status());
            driver.step();
            assertEquals(8, net.syncRequests.get(), "a finished epoch is never pulled again");
            assertEquals(List.of(EPOCH), net.reported);
        }
    }

    @Test
    void resumesFromItsCursorAfterBeingStoppedMidway() {
        List<EncodedBlob> blobs = net.storeBlobs(5);
        AtomicReference<ShardSyncDriver> running = new AtomicReference<>(driver());
        // The second batch is answered and stored; the driver stops before asking for the third.
        net.onSyncRequest.set(() -> {
            if (net.syncRequests.get() == 2) {
                running.get().close();
            }
        });
        running.get().step();
        assertTrue(net.reported.isEmpty());
        ShardSyncProgress progress = new ShardSyncProgress(net.newStore);
        assertFalse(progress.pulled(EPOCH, GAINED, SliverType.PRIMARY));
        assertTrue(progress.cursor(EPOCH, GAINED, SliverType.PRIMARY).isPresent());
        assertEquals(4, count(net.newStore, SliverType.PRIMARY));

        // A crash: the store is reopened, a new driver resumes at the cursor.
        net.newStore.close();
        net.newStore = SliverStore.open(dir.resolve("new").resolve("slivers"));
        net.onSyncRequest.set(() -> { });
        net.syncRequests.set(0);
        try (ShardSyncDriver driver = driver()) {
            driver.step();
        }
        assertEquals(6, net.syncRequests.get(), "primary: the last batch and an empty answer; secondary: all 4");
        assertHoldsGainedShard(net.newStore, blobs);
        assertEquals(List.of(EPOCH), net.reported);
    }

    @Test
    void aClosedLocalStoreIsNotTakenForAnUnreachablePreviousOwner() {
        List<EncodedBlob> blobs = net.storeBlobs(5);
        net.onSyncRequest.set(() -> {
            if (net.syncRequests.get() == 2) {
                net.newStore.close();
            }
        });
        try (ShardSyncDriver driver = driver()) {
            assertThrows(IllegalStateException.class, driver::step);
        }
        assertEquals(2, net.syncRequests.get(), "the batch is not asked for again from the previous owner");

        net.newStore = SliverStore.open(dir.resolve("new").resolve("slivers"));
        net.onSyncRequest.set(() -> { });
        assertFalse(new ShardSyncProgress(net.newStore).recovering(EPOCH, GAINED));
        try (ShardSyncDriver driver = driver()) {
            driver.step();
        }
        assertHoldsGainedShard(net.newStore, blobs);
        assertEquals(List.of(EPOCH), net.reported);
    }

    @Test
    void refusesARequestSignedByANodeThatDoesNotOwnTheShard() {
        net.storeBlobs(1);
        SyncShardRequest request = new SyncShardRequest(GAINED, SliverType.PRIMARY, ZERO, 2, EPOCH);
        // The old owner's own key: it is a committee member, but shard 3 is no longer its.
        ShardSyncClient.SyncException refused = assertThrows(ShardSyncClient.SyncException.class,
                () -> net.client(net.oldKeys).pull(net.epochs.current().member(SyncNetwork.OLD).orElseThrow(), request));
        assertEquals(403, assertInstanceOf(NodeRequestException.class, refused.getCause()).status());

        SyncShardRequest otherEpoch = new SyncShardRequest(GAINED, SliverType.PRIMARY, ZERO, 2, new Epoch(3));
        ShardSyncClient.SyncException stale = assertThrows(ShardSyncClient.SyncException.class,
                () -> net.client(net.newKeys).pull(net.epochs.current().member(SyncNetwork.OLD).orElseThrow(),
                        otherEpoch));
        assertEquals("INVALID_EPOCH", ((NodeRequestException) stale.getCause()).code());
    }

    @Test
    void fallsBackToRecoveryWhenThePreviousOwnerIsUnreachable() {
        net.storeBlobs(2);
        net.stopOldOwner();
        recoveryIdle.set(false);
        try (ShardSyncDriver driver = driver()) {
            driver.step();
            assertTrue(new ShardSyncProgress(net.newStore).recovering(EPOCH, GAINED));
            assertEquals(1, rechecks.get());
            assertEquals(new NodeHealth.ShardSync(List.of(), List.of(GAINED), EPOCH), driver.status());
            assertTrue(net.reported.isEmpty(), "not before the recovery backlog is empty");

            recoveryIdle.set(true);
            driver.step();
            assertEquals(1, rechecks.get(), "the recheck is queued once per epoch");
            assertEquals(List.of(EPOCH), net.reported);
        }
        assertEquals(0, count(net.newStore, SliverType.PRIMARY));
    }

    @Test
    void reportsWithinTheBoundWhileRecoveryIsStuckAndFinishesOnceItIsIdle() {
        net.storeBlobs(2);
        recoveryIdle.set(false);
        try (ShardSyncDriver driver = driver()) {
            driver.step();
            ShardSyncProgress progress = new ShardSyncProgress(net.newStore);
            assertTrue(progress.pulled(EPOCH, GAINED, SliverType.SECONDARY));
            assertEquals(1, rechecks.get());
            assertTrue(net.reported.isEmpty(), "the recovery backlog may still empty in time");
            assertEquals(new NodeHealth.ShardSync(List.of(), List.of(GAINED), EPOCH), driver.status(),
                    "pulled, waiting for the recheck");

            now.set(now.get().plus(SETTINGS.reportWithin()).minusSeconds(1));
            driver.step();
            assertTrue(net.reported.isEmpty());
            now.set(now.get().plusSeconds(1));
            driver.step();
            assertEquals(List.of(EPOCH), net.reported, "a stuck backlog does not hold up the epoch change");
            assertTrue(progress.reported(EPOCH));
            assertFalse(progress.finished(EPOCH), "recovery goes on after the report");
            assertEquals(new NodeHealth.ShardSync(List.of(), List.of(GAINED), EPOCH), driver.status());

            driver.step();
            assertEquals(List.of(EPOCH), net.reported, "reported once");
            recoveryIdle.set(true);
            driver.step();
            assertTrue(progress.finished(EPOCH));
            assertEquals(NodeHealth.ShardSync.NONE, driver.status());
        }
        assertEquals(1, rechecks.get());
    }

    @Test
    void recoversWhatItDidNotPullWhenTheChangeIsDoneMidPullAcrossARestart() {
        net.storeBlobs(5);
        recoveryIdle.set(false);
        ShardSyncDriver first = driver();
        net.onSyncRequest.set(() -> {
            if (net.syncRequests.get() == 2) {
                net.changeDoneWithoutNewOwner();
            }
        });
        first.step();
        ShardSyncProgress progress = new ShardSyncProgress(net.newStore);
        assertFalse(progress.pulled(EPOCH, GAINED, SliverType.PRIMARY));
        assertEquals(Optional.of(List.of(GAINED)), progress.started(EPOCH));
        assertEquals(0, rechecks.get());

        first.step();
        assertTrue(progress.recovering(EPOCH, GAINED));
        assertEquals(1, rechecks.get(), "what was not pulled is recovered");
        assertEquals(new NodeHealth.ShardSync(List.of(), List.of(GAINED), EPOCH), first.status());
        first.close();

        // A restart while recovery goes on: the node still knows it did not finish epoch 2.
        net.newStore.close();
        net.newStore = SliverStore.open(dir.resolve("new").resolve("slivers"));
        try (ShardSyncDriver driver = driver()) {
            driver.step();
            assertEquals(new NodeHealth.ShardSync(List.of(), List.of(GAINED), EPOCH), driver.status());
            recoveryIdle.set(true);
            driver.step();
            assertEquals(NodeHealth.ShardSync.NONE, driver.status());
            assertTrue(new ShardSyncProgress(net.newStore).finished(EPOCH));
        }
        assertEquals(1, rechecks.get(), "the recheck is queued once");
        assertTrue(net.reported.isEmpty(), "the ledger no longer waits for this node");
    }

    @Test
    void rebuildsShardsGainedInAChangeItNeverSawInProgress() {
        net.storeBlobs(5);
        // The node last looked at epoch 1, holding nothing; the change to epoch 2 was done before it looked again.
        new ShardSyncProgress(net.newStore).markOwned(new Epoch(1), List.of());
        net.changeDoneWithoutNewOwner();
        recoveryIdle.set(false);
        try (ShardSyncDriver driver = driver()) {
            driver.step();
            assertEquals(0, net.syncRequests.get(), "no previous owner is known to pull from");
            assertEquals(1, rechecks.get(), "every certified blob is checked for the gained shard");
            assertEquals(new NodeHealth.ShardSync(List.of(), List.of(GAINED), EPOCH), driver.status());
            recoveryIdle.set(true);
            driver.step();
            assertEquals(NodeHealth.ShardSync.NONE, driver.status());
        }
        assertTrue(new ShardSyncProgress(net.newStore).finished(EPOCH));
        assertTrue(net.reported.isEmpty());
    }

    @Test
    void skipsBlobsItDroppedOrThatExpiredByTheEpochWhileThePreviousOwnerStillHoldsThem() {
        List<EncodedBlob> blobs = net.storeBlobs(5);
        BlobLifetimes lifetimes = new BlobLifetimes(net.newStore);
        BlobId deleted = blobs.get(1).blobId();
        BlobId expired = blobs.get(3).blobId();
        lifetimes.keep(deleted, new Epoch(9));
        lifetimes.markDropped(deleted);
        lifetimes.keep(expired, EPOCH);
        lifetimes.keep(blobs.get(4).blobId(), EPOCH.plus(1));
        try (ShardSyncDriver driver = driver()) {
            driver.step();
        }
        for (BlobId gone : List.of(deleted, expired)) {
            assertFalse(net.newStore.hasSliver(GAINED, SliverType.PRIMARY, gone), "not pulled: " + gone);
            assertFalse(net.newStore.hasSliver(GAINED, SliverType.SECONDARY, gone), "not pulled: " + gone);
            assertFalse(net.newStore.hasMetadata(gone), "no metadata fetched for " + gone);
        }
        assertHoldsGainedShard(net.newStore, List.of(blobs.get(0), blobs.get(2), blobs.get(4)));
    }

    private static long count(SliverStore store, SliverType type) {
        long[] seen = {0};
        store.forEachBlobId(GAINED, type, id -> seen[0]++);
        return seen[0];
    }

    private static void assertHoldsGainedShard(SliverStore store, List<EncodedBlob> blobs) {
        for (EncodedBlob blob : blobs) {
            SliverPair pair = blob.pair(SliverPairIndex.onShard(GAINED, blob.blobId().rotation(N), N));
            assertEquals(Optional.of(blob.metadata()), store.metadata(blob.blobId()));
            assertEquals(Optional.of(pair.primary()), store.sliver(GAINED, SliverType.PRIMARY, blob.blobId()));
            assertEquals(Optional.of(pair.secondary()), store.sliver(GAINED, SliverType.SECONDARY, blob.blobId()));
        }
    }
}
