package io.floe.multijvm.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.readside.BlobIndexProjection;
import io.floe.actors.readside.ReadSideSettings;
import io.floe.encoding.metadata.BlobId;
import io.floe.multijvm.cassandra.CassandraTest;
import io.floe.persistence.cassandra.CassandraJournal;
import io.floe.persistence.cassandra.CassandraJournalSettings;
import io.floe.persistence.cassandra.CassandraServer;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStore;
import io.floe.persistence.readside.CassandraBlobIndexStore;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Epoch;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blob index projection on Cassandra end to end: Blob entities on pekko-persistence-cassandra, the feed from
 * its events-by-tag (time-based UUID offsets), the read-side in the same keyspace; a second actor system resumes
 * from the stored offset and leaves the rows of the first alone.
 */
@CassandraTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BlobIndexProjectionOnCassandraTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ReadSideSettings SETTINGS = new ReadSideSettings(32, Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(2));
    private static CassandraJournalSettings settings;

    private final SecureRandom random = new SecureRandom();
    private ActorTestKit kit;
    private BlobIndexStore store;

    @BeforeAll
    static void useSharedServer(CassandraServer server) {
        settings = CassandraJournalSettings.local(server.contactPoint(),
                "readside_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    @AfterEach
    void stop() {
        shutDown();
    }

    @Test
    void indexesBlobsAndResumesAfterARestartFromTheStoredOffset() {
        start();
        BlobId first = randomBlobId();
        register(first, "gateway", 1);
        BlobIndexRow before = awaitRow(first);
        assertEquals(List.of("gateway"), before.owners());
        String offset = join(store.offset()).orElseThrow();
        assertTrue(offset.startsWith("uuid:"), offset);
        shutDown();

        start();
        BlobId second = randomBlobId();
        register(second, "alice", 2);
        awaitRow(second);
        assertEquals(Optional.of(before), join(store.blob(first)), "the first blob's row is not applied again");
        assertNotEquals(offset, join(store.offset()).orElseThrow());
        assertEquals(List.of(second), join(store.blobsByOwner("alice", Optional.empty(), 10)).rows().stream()
                .map(BlobIndexRow::blobId).toList());
    }

    private void start() {
        Config journal = CassandraJournal.config(settings);
        kit = ActorTestKit.create("readside", journal
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local\n"
                        + "pekko.coordinated-shutdown.exit-jvm = off"))
                .withFallback(ConfigFactory.load()));
        store = CassandraBlobIndexStore.open(settings);
        kit.spawn(BlobIndexProjection.create(store, offset -> BlobEventFeed.from(kit.system(), offset), SETTINGS));
    }

    private void shutDown() {
        if (kit != null) {
            kit.shutdownTestKit();
            kit = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private BlobIndexRow awaitRow(BlobId blobId) {
        TestProbe<Object> probe = kit.createTestProbe();
        return probe.awaitAssert(WAIT, Duration.ofMillis(250), () -> join(store.blob(blobId)).orElseThrow(
                () -> new AssertionError("no read-side row for " + blobId + " yet")));
    }

    private void register(BlobId blobId, String owner, int seed) {
        byte[] oid = new byte[32];
        oid[0] = (byte) seed;
        Registration registration = new Registration(ObjectId.of(oid), owner, 1000, 2048, Epoch.GENESIS,
                Epoch.GENESIS.plus(5), false, 10, Optional.empty());
        ActorRef<BlobEntity.Command> entity = kit.spawn(BlobEntity.create(blobId.toString(), Optional::empty));
        TestProbe<StatusReply<BlobEntity.RegisterReply>> probe = kit.createTestProbe();
        entity.tell(new BlobEntity.Register(registration, probe.getRef()));
        assertTrue(probe.receiveMessage(WAIT).isSuccess());
        kit.stop(entity);
    }

    private BlobId randomBlobId() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return BlobId.of(id);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
