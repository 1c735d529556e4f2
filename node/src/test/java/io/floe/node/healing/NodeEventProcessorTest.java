package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.events.BlobEventEnvelope;
import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.BlobEventWriter;
import io.floe.actors.events.FeedOffset;
import io.floe.actors.ledger.CommitteeView;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.persistence.sliver.BacklogEntry;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeEventProcessorTest {
    private static final int N = 7;
    private static final NodeId SELF = new NodeId("node-1");
    private static final NodeId PEER = new NodeId("node-2");
    /** This node holds shards 0, 2, 4 and 6. */
    private static final Committee COMMITTEE = new Committee(Epoch.GENESIS,
            List.of(new StorageNodeInfo(SELF, "http://127.0.0.1:1", Ed25519PublicKey.of(new byte[32]), 1),
                    new StorageNodeInfo(PEER, "http://127.0.0.1:2", Ed25519PublicKey.of(new byte[32]), 1)),
            List.of(SELF, PEER, SELF, PEER, SELF, PEER, SELF));
    private static final RecoverySettings FAST = TestSettings.recovery("grace = 0s, parallelism = 2, "
            + "retry-backoff-min = 100ms, retry-backoff-max = 400ms, feed-backoff-min = 100ms, feed-backoff-max = 1s");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private ActorTestKit kit;
    private SliverStore store;
    private FakeRecovery fake;
    private HealingMetrics metrics;
    private NodeEventProcessor processor;
    private int seed;

    @BeforeEach
    void start() throws Exception {
        kit = ActorTestKit.create("processor", EmbeddedJournal.config(dir.resolve("journal"))
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                .withFallback(ConfigFactory.load()));
        EmbeddedJournal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        store = SliverStore.open(dir.resolve("slivers"));
        fake = new FakeRecovery(store);
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.close();
        }
        kit.shutdownTestKit();
        store.close();
    }

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

    private void startProcessor(RecoverySettings settings) {
        metrics = new HealingMetrics();
        String plugin = kit.system().settings().config().getString(BlobEventFeed.READ_JOURNAL_PLUGIN_KEY);
        processor = new NodeEventProcessor(kit.system(), new NodeEventProcessor.Parts(SELF,
                CommitteeView.fixed(COMMITTEE), store, fake, fake, metrics, plugin), settings, Clock.systemUTC());
        processor.start();
    }

    /** Stops the processor, closes and reopens the store (a node restart), and starts a new processor. */
    private void restartProcessorAndStore() {
        processor.close();
        store.close();
        store = SliverStore.open(dir.resolve("slivers"));
        fake.store = store;
        startProcessor(FAST);
    }

    private EncodedBlob blob() {
        byte[] data = new byte[3000];
        new Random(++seed).nextBytes(data);
        EncodedBlob blob = new BlobEncoder(new EncodingConfig(N)).encode(data);
        fake.blobs.put(blob.blobId(), blob);
        return blob;
    }

    private void storeMyPairs(EncodedBlob blob) {
        store.putMetadata(blob.metadata());
        int rotation = blob.blobId().rotation(N);
        for (ShardIndex shard : COMMITTEE.shardsOf(SELF)) {
            var pair = blob.pair(SliverPairIndex.onShard(shard, rotation, N));
            store.putSliver(shard, blob.blobId(), pair.primary());
            store.putSliver(shard, blob.blobId(), pair.secondary());
        }
    }

    private void certify(EncodedBlob blob) {
        write(blob.blobId(), new BlobEntity.Certified(ObjectId.random(), Epoch.GENESIS, List.of(SELF, PEER)));
    }

    private void write(BlobId blobId, BlobEntity.Event event) {
        ActorRef<BlobEventWriter.Write> writer = kit.spawn(new BlobEventWriter(blobId));
        TestProbe<Done> done = kit.createTestProbe();
        writer.tell(new BlobEventWriter.Write(List.of(event), done.getRef()));
        done.expectMessage(WAIT, Done.getInstance());
        kit.stop(writer);
    }

    private void awaitHealed(EncodedBlob blob) {
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertTrue(store.hasMetadata(blob.blobId()), "metadata of " + blob.blobId());
            for (ShardIndex shard : COMMITTEE.shardsOf(SELF)) {
                assertTrue(store.hasSliver(shard, SliverType.PRIMARY, blob.blobId()));
                assertTrue(store.hasSliver(shard, SliverType.SECONDARY, blob.blobId()));
            }
            return null;
        });
    }

    private void awaitProcessed(long events) {
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertEquals(events, metrics.snapshot().eventsProcessed());
            return null;
        });
    }

    private void awaitPending(int pending) {
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertEquals(pending, processor.pending());
            assertEquals(pending, metrics.snapshot().recoveriesPending());
            return null;
        });
    }

    /** Waits until the stored cursor is the offset of the {@code count}-th event of the feed. */
    private void awaitCursorAfter(int count) throws Exception {
        List<BlobEventEnvelope> events = BlobEventFeed.from(kit.system(), FeedOffset.START).take(count)
                .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        String expected = events.get(count - 1).offset().text();
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertEquals(Optional.of(expected), new NodeProgress(store).cursor());
            return null;
        });
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
