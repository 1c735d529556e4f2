package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.actors.blob.BlobEntity;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.persistence.sliver.BacklogEntry;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.committee.Epoch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeEventProcessorTest extends ProcessorTestBase {
    @Test
    void recoversTheMissingPairsOfCertifiedBlobsOnly() throws Exception {
        EncodedBlob held = blob();
        EncodedBlob lost = blob();
        storeMyPairs(held);
        startProcessor(FAST);

        certify(held);
        certify(lost);

        awaitHealed(lost);
        awaitCursorAfter(2);
        assertEquals(0, fake.callsFor(held.blobId()));
        assertEquals(4, fake.callsFor(lost.blobId()), "one recovery per shard of this node");
        assertEquals(2, metrics.snapshot().eventsProcessed());
    }

    @Test
    void waitsTheGraceForTheWritersTailBeforeFetching() throws Exception {
        EncodedBlob late = blob();
        startProcessor(TestSettings.recovery("grace = 3s, parallelism = 2, retry-backoff-min = 100ms, "
                + "retry-backoff-max = 400ms, feed-backoff-min = 100ms, feed-backoff-max = 1s"));

        certify(late);
        awaitProcessed(1);
        assertEquals(1, processor.pending(), "queued for after the grace");
        storeMyPairs(late);

        awaitPending(0);
        assertEquals(0, fake.callsFor(late.blobId()), "the tail arrived within the grace: nothing fetched");
    }

    @Test
    void recoversAtOnceWhatWasCertifiedLongerThanTheGraceAgo() {
        EncodedBlob old = blob();
        certify(old);
        // The processor's clock is two hours ahead: the event it replays was written more than the hour of grace ago
        // (a wiped node replaying the feed), so it does not wait.
        startProcessor(TestSettings.recovery("grace = 1h, parallelism = 2, retry-backoff-min = 100ms, "
                + "retry-backoff-max = 400ms, feed-backoff-min = 100ms, feed-backoff-max = 1s"),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));

        awaitHealed(old);
    }

    @Test
    void anEventWithoutAWriteTimeWaitsTheWholeGrace() {
        long now = 1_765_000_000_000L;
        Duration grace = Duration.ofMinutes(5);

        assertEquals(now + grace.toMillis(), NodeEventProcessor.due(now, 0, grace));
        assertEquals(now + grace.toMillis(), NodeEventProcessor.due(now, -1, grace));
        assertEquals(now + 1000, NodeEventProcessor.due(now, now - grace.toMillis() + 1000, grace));
        assertEquals(now, NodeEventProcessor.due(now, now - grace.toMillis() - 1000, grace));
        assertEquals(now + grace.toMillis(), NodeEventProcessor.due(now, now + 60_000, grace), "writer's clock ahead");
    }

    @Test
    void keepsAFailedBlobInThePersistedBacklogAndRetriesItAcrossARestart() throws Exception {
        EncodedBlob unlucky = blob();
        fake.failuresLeft.put(unlucky.blobId(), new AtomicInteger(Integer.MAX_VALUE));
        startProcessor(FAST);
        certify(unlucky);

        kit.createTestProbe().awaitAssert(WAIT, () -> {
            List<BacklogEntry> backlog = new NodeProgress(store).backlog();
            assertEquals(1, backlog.size());
            assertTrue(backlog.get(0).attempts() >= 2, "retried: " + backlog.get(0));
            assertEquals("too few peers answered", backlog.get(0).reason());
            return null;
        });
        assertEquals(1, metrics.snapshot().recoveriesPending());
        restartProcessorAndStore();
        long before = fake.callsFor(unlucky.blobId());
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertTrue(fake.callsFor(unlucky.blobId()) > before, "the restarted processor retries the backlog");
            return null;
        });
        fake.failuresLeft.get(unlucky.blobId()).set(0);

        awaitHealed(unlucky);
        awaitPending(0);
        assertTrue(new NodeProgress(store).backlog().isEmpty());
    }

    @Test
    void resumesAfterItsCursorSoNoEventIsHandledTwiceOrSkipped() throws Exception {
        EncodedBlob first = blob();
        EncodedBlob second = blob();
        startProcessor(FAST);
        certify(first);
        certify(second);
        awaitHealed(first);
        awaitHealed(second);
        awaitCursorAfter(2);

        processor.close();
        EncodedBlob whileDown = blob();
        certify(whileDown);
        restartProcessorAndStore();
        EncodedBlob afterRestart = blob();
        certify(afterRestart);

        awaitHealed(whileDown);
        awaitHealed(afterRestart);
        awaitCursorAfter(4);
        assertEquals(2, metrics.snapshot().eventsProcessed(), "only the two events after the cursor");
        assertEquals(4, fake.callsFor(first.blobId()));
        assertEquals(4, fake.callsFor(second.blobId()));
    }

    @Test
    void aWipedStoreStartsFromTheBeginningAndRecoversEverything() throws Exception {
        EncodedBlob one = blob();
        EncodedBlob two = blob();
        startProcessor(FAST);
        certify(one);
        certify(two);
        awaitHealed(one);
        awaitHealed(two);
        awaitCursorAfter(2);

        processor.close();
        store.close();
        deleteTree(dir.resolve("slivers"));
        store = SliverStore.open(dir.resolve("slivers"));
        fake.store = store;
        startProcessor(FAST);

        awaitHealed(one);
        awaitHealed(two);
        awaitCursorAfter(2);
        assertEquals(2, metrics.snapshot().eventsProcessed());
        assertEquals(8, fake.callsFor(one.blobId()), "recovered once before the wipe and once after");
    }

    @Test
    void reportsAnInconsistentBlobUntilItIsMarkedInvalidThenNeverRecoversIt() throws Exception {
        EncodedBlob bad = blob();
        fake.inconsistent.add(bad.blobId());
        fake.reportsRefused.set(2);
        store.putMetadata(bad.metadata());
        startProcessor(FAST);

        certify(bad);
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertTrue(processor.isInvalid(bad.blobId()));
            // Marked first (serving stops at once), dropped right after: await both.
            assertFalse(store.hasMetadata(bad.blobId()), "an invalid blob's data is dropped");
            return null;
        });
        assertEquals(3, fake.reports.size(), "refused twice, accepted the third time");
        long calls = fake.callsFor(bad.blobId());
        assertEquals(1, calls, "the proof is kept for the retries of the report");

        certify(bad);
        awaitCursorAfter(2);
        awaitPending(0);
        assertEquals(calls, fake.callsFor(bad.blobId()), "an invalid blob is never recovered again");
    }

    @Test
    void aMarkedInvalidEventDropsTheBlobsSlivers() throws Exception {
        EncodedBlob invalid = blob();
        storeMyPairs(invalid);
        startProcessor(FAST);

        write(invalid.blobId(), new BlobEntity.MarkedInvalid(Epoch.GENESIS, List.of(SELF, PEER)));
        certify(invalid);

        awaitCursorAfter(2);
        assertTrue(processor.isInvalid(invalid.blobId()));
        assertFalse(store.hasMetadata(invalid.blobId()));
        assertFalse(store.hasSliver(new ShardIndex(0), SliverType.PRIMARY, invalid.blobId()));
        assertEquals(0, fake.callsFor(invalid.blobId()));
    }

    @Test
    void rebuildsWhatTheScrubberDeletedButOnlyForCertifiedBlobs() throws Exception {
        EncodedBlob one = blob();
        EncodedBlob two = blob();
        EncodedBlob uncertified = blob();
        storeMyPairs(one);
        storeMyPairs(two);
        storeMyPairs(uncertified);
        startProcessor(FAST);
        certify(one);
        certify(two);
        awaitCursorAfter(2);
        assertEquals(0, fake.calls.size(), "everything was held");

        store.deleteSliver(new ShardIndex(2), SliverType.PRIMARY, one.blobId());
        processor.recheck(one.blobId());
        awaitHealed(one);
        assertEquals(1, fake.callsFor(one.blobId()), "only the damaged pair");

        store.deleteSliver(new ShardIndex(2), SliverType.PRIMARY, uncertified.blobId());
        processor.recheck(uncertified.blobId());
        processor.dropDamagedFamily(new ShardIndex(4), SliverType.SECONDARY);
        awaitHealed(one);
        awaitHealed(two);
        awaitPending(0);
        assertEquals(2, fake.callsFor(one.blobId()));
        assertEquals(1, fake.callsFor(two.blobId()));
        assertEquals(0, fake.callsFor(uncertified.blobId()), "nobody is owed a blob that was never certified");
        assertFalse(new NodeProgress(store).recheckAllRequested());

        processor.dropDamagedMetadata();
        assertFalse(store.hasMetadata(two.blobId()));
        awaitHealed(one);
        awaitHealed(two);
        awaitPending(0);
        assertEquals(5, fake.callsFor(two.blobId()), "every pair is checked again once the metadata is gone");
    }
}
