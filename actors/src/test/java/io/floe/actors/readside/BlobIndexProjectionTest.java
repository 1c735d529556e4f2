package io.floe.actors.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.FeedOffset;
import io.floe.actors.ledger.CommitteeView;
import io.floe.actors.testing.TestNode;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.journal.EmbeddedJournal;
import io.floe.persistence.readside.BlobIndexPage;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStatus;
import io.floe.persistence.readside.BlobIndexStore;
import io.floe.persistence.readside.EmbeddedBlobIndexStore;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.signing.NodeConfirmation;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projection on a real embedded journal and the embedded store in the journal's H2 database. */
class BlobIndexProjectionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ReadSideSettings SETTINGS = new ReadSideSettings(32, Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(500));

    @TempDir
    Path dir;
    private final TestNode node = TestNode.create("node-a");
    private final Committee committee = new Committee(Epoch.GENESIS, List.of(node.info(100)),
            List.of(node.id(), node.id(), node.id(), node.id()));
    private final SecureRandom random = new SecureRandom();
    private ActorTestKit kit;
    private BlobIndexStore store;

    @AfterEach
    void stop() {
        shutDown();
    }

    @Test
    void indexesRegistrationsAndCertificationsAndListsThemByOwner() throws Exception {
        RecordingStore recording = start(0);
        List<BlobId> gatewayBlobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BlobId id = randomBlobId();
            certify(id, register(id, "gateway", i));
            gatewayBlobs.add(id);
        }
        BlobId shared = gatewayBlobs.get(0);
        register(shared, "alice", 9);
        BlobId alicesOnly = randomBlobId();
        register(alicesOnly, "alice", 10);

        BlobIndexRow sharedRow = awaitRow(alicesOnly, shared);
        assertEquals(BlobIndexStatus.CERTIFIED, sharedRow.status());
        assertEquals(List.of("gateway", "alice"), sharedRow.owners());
        assertEquals(Optional.of(Epoch.GENESIS), sharedRow.certifiedEpoch());
        assertEquals(Epoch.GENESIS.plus(5), sharedRow.endEpoch());
        assertEquals(1000, sharedRow.size());
        assertEquals(BlobIndexStatus.REGISTERED, await(store.blob(alicesOnly)).orElseThrow().status());

        List<BlobIndexRow> listed = pages("gateway", 2);
        assertEquals(5, listed.size());
        assertTrue(listed.stream().allMatch(r -> r.status() == BlobIndexStatus.CERTIFIED));
        assertEquals(2, pages("alice", 2).size());
        assertEquals("start", recording.applied().get(0).offset(), "a fresh store is marked started first");
    }

    @Test
    void resumesAfterARestartFromTheStoredOffsetWithoutApplyingAnythingTwice() throws Exception {
        start(0);
        BlobId first = randomBlobId();
        certify(first, register(first, "gateway", 1));
        // The three events may land in two batches: wait for the certificate, or the restart would apply it.
        BlobIndexRow before = awaitCertifiedRow(first);
        String offsetBefore = await(store.offset()).orElseThrow();
        shutDown();

        RecordingStore recording = start(0);
        BlobId second = randomBlobId();
        register(second, "gateway", 2);
        awaitRow(second, second);
        assertEquals(Optional.of(before), await(store.blob(first)));
        for (RecordingStore.Applied applied : recording.applied()) {
            assertTrue(applied.rows().stream().noneMatch(r -> r.blobId().equals(first)),
                    "re-applied the first blob after the restart: " + applied);
            assertTrue(sequence(applied.offset()) > sequence(offsetBefore), applied.offset() + " <= " + offsetBefore);
        }
        assertEquals(1, recording.applied().stream().mapToInt(a -> a.rows().size()).sum());
    }

    @Test
    void restartsWithBackoffWhenTheStoreFails() throws Exception {
        RecordingStore recording = start(3);
        BlobId id = randomBlobId();
        register(id, "gateway", 1);
        awaitRow(id, id);
        assertEquals(3, recording.failed());
    }

    private RecordingStore start(int failures) throws Exception {
        kit = ActorTestKit.create("readside", EmbeddedJournal.config(dir.resolve("journal"))
                .withFallback(ConfigFactory.parseString("pekko.actor.provider = local"))
                .withFallback(ConfigFactory.load()));
        EmbeddedJournal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        RecordingStore recording = new RecordingStore(EmbeddedBlobIndexStore.open(kit.system().settings().config()),
                failures);
        store = recording;
        kit.spawn(BlobIndexProjection.create(store, offset -> BlobEventFeed.from(kit.system(), offset), SETTINGS));
        return recording;
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

    /** Waits until the row of {@code last} exists (the projection got that far), then answers {@code wanted}'s. */
    private BlobIndexRow awaitRow(BlobId last, BlobId wanted) {
        TestProbe<Object> probe = kit.createTestProbe();
        return probe.awaitAssert(WAIT, Duration.ofMillis(100), () -> {
            assertTrue(join(store.blob(last)).isPresent(), "no row for " + last + " yet");
            return join(store.blob(wanted)).orElseThrow();
        });
    }

    private BlobIndexRow awaitCertifiedRow(BlobId id) {
        TestProbe<Object> probe = kit.createTestProbe();
        return probe.awaitAssert(WAIT, Duration.ofMillis(100), () -> {
            BlobIndexRow row = join(store.blob(id)).orElseThrow();
            assertTrue(row.certifiedEpoch().isPresent(), "not certified in the index yet: " + row);
            return row;
        });
    }

    private List<BlobIndexRow> pages(String owner, int limit) throws Exception {
        List<BlobIndexRow> rows = new ArrayList<>();
        Optional<BlobId> after = Optional.empty();
        for (int page = 0; page < 10; page++) {
            BlobIndexPage answer = await(store.blobsByOwner(owner, after, limit));
            rows.addAll(answer.rows());
            if (answer.next().isEmpty()) {
                return rows;
            }
            after = answer.next();
        }
        throw new AssertionError("more than 10 pages");
    }

    private Registration register(BlobId blobId, String owner, int seed) {
        byte[] oid = new byte[32];
        oid[0] = (byte) seed;
        Registration registration = new Registration(ObjectId.of(oid), owner, 1000, 2048, Epoch.GENESIS,
                Epoch.GENESIS.plus(5 - seed % 2), false, 10, Optional.empty());
        ActorRef<BlobEntity.Command> entity = kit.spawn(BlobEntity.create(blobId.toString(),
                CommitteeView.fixed(committee)));
        TestProbe<StatusReply<BlobEntity.RegisterReply>> probe = kit.createTestProbe();
        entity.tell(new BlobEntity.Register(registration, probe.getRef()));
        assertTrue(probe.receiveMessage(WAIT).isSuccess());
        kit.stop(entity);
        return registration;
    }

    private void certify(BlobId blobId, Registration registration) {
        ActorRef<BlobEntity.Command> entity = kit.spawn(BlobEntity.create(blobId.toString(),
                CommitteeView.fixed(committee)));
        TestProbe<StatusReply<BlobEntity.CertifyReply>> probe = kit.createTestProbe();
        NodeConfirmation signed = new NodeConfirmation(node.id(), node.confirmPermanent(Epoch.GENESIS, blobId));
        entity.tell(new BlobEntity.Certify(registration.objectId(), List.of(signed), probe.getRef()));
        assertInstanceOf(BlobEntity.CertifyReply.Certified.class, probe.receiveMessage(WAIT).getValue());
        kit.stop(entity);
    }

    private static long sequence(String offset) {
        return offset.equals(FeedOffset.START.text()) ? 0 : Long.parseLong(offset.substring("seq:".length()));
    }

    private BlobId randomBlobId() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return BlobId.of(id);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
