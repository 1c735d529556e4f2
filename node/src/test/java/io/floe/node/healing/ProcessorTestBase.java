package io.floe.node.healing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.events.BlobEventEnvelope;
import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.BlobEventWriter;
import io.floe.actors.events.FeedOffset;
import io.floe.encoding.index.ShardIndex;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.metadata.BlobId;
import io.floe.encoding.redstuff.BlobEncoder;
import io.floe.encoding.redstuff.EncodedBlob;
import io.floe.encoding.redstuff.EncodingConfig;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.persistence.sliver.NodeProgress;
import io.floe.persistence.sliver.SliverStore;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the node event processor's tests share: a real embedded journal written through {@link BlobEventWriter}, a real
 * sliver store, a {@link FakeRecovery}, and a committee view whose epoch a test moves on by hand.
 */
abstract class ProcessorTestBase {
    static final int N = 7;
    static final NodeId SELF = new NodeId("node-1");
    static final NodeId PEER = new NodeId("node-2");
    /** This node holds shards 0, 2, 4 and 6. */
    static final Committee COMMITTEE = new Committee(Epoch.GENESIS,
            List.of(new StorageNodeInfo(SELF, "http://127.0.0.1:1", Ed25519PublicKey.of(new byte[32]), 1),
                    new StorageNodeInfo(PEER, "http://127.0.0.1:2", Ed25519PublicKey.of(new byte[32]), 1)),
            List.of(SELF, PEER, SELF, PEER, SELF, PEER, SELF));
    static final RecoverySettings FAST = TestSettings.recovery("grace = 0s, parallelism = 2, "
            + "retry-backoff-min = 100ms, retry-backoff-max = 400ms, feed-backoff-min = 100ms, feed-backoff-max = 1s");
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    ActorTestKit kit;
    SliverStore store;
    FakeRecovery fake;
    HealingMetrics metrics;
    /** What the blobs' entities answer the processor's collection: by default, the events written. */
    final FakeBlobRecords records = new FakeBlobRecords();
    NodeEventProcessor processor;
    int seed;
    /** The committees the processor sees: {@link #COMMITTEE} in the genesis epoch until a test moves the epoch on. */
    final AtomicReference<EpochCommittees> epochs = new AtomicReference<>(genesisAt(Epoch.GENESIS));

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

    void startProcessor(RecoverySettings settings) {
        startProcessor(settings, Clock.systemUTC());
    }

    void startProcessor(RecoverySettings settings, Clock clock) {
        metrics = new HealingMetrics();
        String plugin = kit.system().settings().config().getString(BlobEventFeed.READ_JOURNAL_PLUGIN_KEY);
        processor = new NodeEventProcessor(kit.system(), new NodeEventProcessor.Parts(SELF,
                () -> Optional.of(epochs.get()), store, fake, fake, metrics, plugin, records), settings, clock);
        processor.start();
    }

    /** Stops the processor, closes and reopens the store (a node restart), and starts a new processor. */
    void restartProcessorAndStore() {
        processor.close();
        store.close();
        store = SliverStore.open(dir.resolve("slivers"));
        fake.store = store;
        startProcessor(FAST);
    }

    EncodedBlob blob() {
        byte[] data = new byte[3000];
        new Random(++seed).nextBytes(data);
        EncodedBlob blob = new BlobEncoder(new EncodingConfig(N)).encode(data);
        fake.blobs.put(blob.blobId(), blob);
        return blob;
    }

    void storeMyPairs(EncodedBlob blob) {
        store.putMetadata(blob.metadata());
        int rotation = blob.blobId().rotation(N);
        for (ShardIndex shard : COMMITTEE.shardsOf(SELF)) {
            var pair = blob.pair(SliverPairIndex.onShard(shard, rotation, N));
            store.putSliver(shard, blob.blobId(), pair.primary());
            store.putSliver(shard, blob.blobId(), pair.secondary());
        }
    }

    void certify(EncodedBlob blob) {
        write(blob.blobId(), new BlobEntity.Certified(ObjectId.random(), Epoch.GENESIS, List.of(SELF, PEER)));
    }

    void write(BlobId blobId, BlobEntity.Event event) {
        records.written(blobId, event);
        ActorRef<BlobEventWriter.Write> writer = kit.spawn(new BlobEventWriter(blobId));
        TestProbe<Done> done = kit.createTestProbe();
        writer.tell(new BlobEventWriter.Write(List.of(event), done.getRef()));
        done.expectMessage(WAIT, Done.getInstance());
        kit.stop(writer);
    }

    void awaitHealed(EncodedBlob blob) {
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertTrue(store.hasMetadata(blob.blobId()), "metadata of " + blob.blobId());
            for (ShardIndex shard : COMMITTEE.shardsOf(SELF)) {
                assertTrue(store.hasSliver(shard, SliverType.PRIMARY, blob.blobId()));
                assertTrue(store.hasSliver(shard, SliverType.SECONDARY, blob.blobId()));
            }
            return null;
        });
    }

    void awaitProcessed(long events) {
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertEquals(events, metrics.snapshot().eventsProcessed());
            return null;
        });
    }

    void awaitPending(int pending) {
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertEquals(pending, processor.pending());
            assertEquals(pending, metrics.snapshot().recoveriesPending());
            return null;
        });
    }

    /** Waits until the stored cursor is the offset of the {@code count}-th event of the feed. */
    void awaitCursorAfter(int count) throws Exception {
        List<BlobEventEnvelope> events = BlobEventFeed.from(kit.system(), FeedOffset.START).take(count)
                .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        String expected = events.get(count - 1).offset().text();
        kit.createTestProbe().awaitAssert(WAIT, () -> {
            assertEquals(Optional.of(expected), new NodeProgress(store).cursor());
            return null;
        });
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The processor (and everything on the node) sees {@code epoch} as the current epoch from now on. */
    void moveToEpoch(int epoch) {
        epochs.set(genesisAt(new Epoch(epoch)));
    }

    /** {@link #COMMITTEE}'s members and shards as the committee of {@code epoch}, with nothing moving. */
    static EpochCommittees genesisAt(Epoch epoch) {
        Committee committee = new Committee(epoch, COMMITTEE.members(), COMMITTEE.shardOwners());
        return EpochCommittees.genesis(committee, Instant.EPOCH, Duration.ofDays(1));
    }
}
