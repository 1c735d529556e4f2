package io.floe.multijvm.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.floe.actors.blob.BlobEntity;
import io.floe.actors.events.BlobEventEnvelope;
import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.FeedOffset;
import io.floe.actors.ledger.CommitteeView;
import io.floe.actors.ledger.SystemLedger;
import io.floe.encoding.metadata.BlobId;
import io.floe.protocol.blob.BlobRecord;
import io.floe.protocol.blob.ObjectId;
import io.floe.protocol.blob.Registration;
import io.floe.protocol.committee.Committee;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What Floe needs of any journal, run by one subclass per journal ({@link JournalOnEmbeddedTest},
 * {@link JournalOnCassandraTest}) with the same actors and events: Blob and SystemLedger events written by one
 * actor system are replayed by the next; Blob entities snapshot every 100 events and recover from the snapshot; the
 * blob event feed serves the tagged events. Every test uses blob IDs of its own; only the replay test uses the
 * ledger's fixed persistence ID.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class JournalContract {
    static final Duration BOUND = Duration.ofSeconds(30);
    private static final int SNAPSHOT_EVERY = 100;

    private final List<ActorTestKit> running = new ArrayList<>();

    /** The resolved journal settings of the subclass's journal (the same for every system of the class). */
    protected abstract Config journalConfig();

    /** Makes the journal usable by a freshly started system (the embedded one creates its tables). */
    protected void prepare(ActorTestKit kit) throws Exception {
    }

    /** Checks in the journal's own storage that a snapshot at {@code sequenceNr} exists. */
    protected abstract void assertSnapshotStored(String persistenceId, long sequenceNr) throws Exception;

    @AfterEach
    void stopSystems() {
        List.copyOf(running).forEach(this::stop);
    }

    ActorTestKit startSystem() throws Exception {
        ActorTestKit kit = ActorTestKit.create("journal", InProcessSystems.config(journalConfig()));
        running.add(kit);
        prepare(kit);
        return kit;
    }

    void stop(ActorTestKit kit) {
        running.remove(kit);
        kit.shutdownTestKit();
    }

    @Test
    void ledgerAndBlobEventsAreReplayedByTheNextSystem() throws Exception {
        TestCommittee nodes = new TestCommittee(4, 10);
        ActorTestKit first = startSystem();
        ActorRef<SystemLedger.Command> ledger = first.spawn(SystemLedger.create(nodes.genesis()));
        Committee committee = EntityCalls.registerAll(first, ledger, nodes);
        SystemLedger.ChargeReply.Charged charged = EntityCalls.charge(first, ledger, ObjectId.random());
        BlobId blobId = TestCommittee.randomBlobId();
        ActorRef<BlobEntity.Command> blob = first.spawn(BlobEntity.create(blobId.toString(), CommitteeView.fixed(committee)));
        Registration registration = TestCommittee.registration(ObjectId.random());
        EntityCalls.register(first, blob, registration);
        assertInstanceOf(BlobEntity.CertifyReply.Certified.class, EntityCalls.certify(first, blob,
                registration.objectId(), nodes.confirmations(committee.epoch(), blobId)));
        BlobRecord before = EntityCalls.status(first, blob);
        assertTrue(before.certified(), "certified before the restart");
        stop(first);

        ActorTestKit second = startSystem();
        ActorRef<SystemLedger.Command> ledgerAgain = second.spawn(SystemLedger.create(nodes.genesis()));
        assertEquals(Optional.of(committee), EntityCalls.committee(second, ledgerAgain).committee(),
                "the committee comes back from the journal");
        SystemLedger.ChargeReply.Charged next = EntityCalls.charge(second, ledgerAgain, ObjectId.random());
        assertEquals(charged.balanceAfter() - next.cost(), next.balanceAfter(), "the earlier charge was replayed");
        ActorRef<BlobEntity.Command> blobAgain = second.spawn(BlobEntity.create(blobId.toString(), Optional::empty));
        assertEquals(before, EntityCalls.status(second, blobAgain), "the blob's registration and certificate");
    }

    @Test
    void blobEntitiesSnapshotAndRecoverFromTheSnapshot() throws Exception {
        int events = SNAPSHOT_EVERY + 10;
        ActorTestKit first = startSystem();
        BlobId blobId = TestCommittee.randomBlobId();
        String persistenceId = BlobEntity.ENTITY_KEY.name() + "|" + blobId;
        ActorRef<BlobEntity.Command> blob = first.spawn(BlobEntity.create(blobId.toString(), Optional::empty));
        List<ObjectId> registered = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            registered.add(EntityCalls.register(first, blob, TestCommittee.registration(ObjectId.random())));
        }
        first.stop(blob);
        // The snapshot is written after the 100th event, asynchronously: wait for a recovery that is offered it.
        SnapshotProbe.Recovery recovery = SnapshotProbe.awaitSnapshot(first, persistenceId, SNAPSHOT_EVERY, BOUND);
        assertEquals(events, recovery.lastSequenceNr());
        assertSnapshotStored(persistenceId, SNAPSHOT_EVERY);
        // With the first 100 events gone, only the snapshot can give back the first 100 registrations.
        SnapshotProbe.deleteEventsTo(first, persistenceId, SNAPSHOT_EVERY, BOUND);
        stop(first);

        ActorTestKit second = startSystem();
        ActorRef<BlobEntity.Command> again = second.spawn(BlobEntity.create(blobId.toString(), Optional::empty));
        BlobRecord record = EntityCalls.status(second, again);
        assertEquals(registered, record.registrations().stream().map(Registration::objectId).toList(),
                "all " + events + " registrations, in order, from the snapshot and the 10 events after it");
    }

    @Test
    void blobEventFeedServesTheTaggedEvents() throws Exception {
        ActorTestKit kit = startSystem();
        BlobId a = TestCommittee.randomBlobId();
        BlobId b = TestCommittee.randomBlobId();
        ActorRef<BlobEntity.Command> first = kit.spawn(BlobEntity.create(a.toString(), Optional::empty));
        ActorRef<BlobEntity.Command> second = kit.spawn(BlobEntity.create(b.toString(), Optional::empty));
        EntityCalls.register(kit, first, TestCommittee.registration(ObjectId.random()));
        EntityCalls.register(kit, second, TestCommittee.registration(ObjectId.random()));
        EntityCalls.register(kit, first, TestCommittee.registration(ObjectId.random()));

        Set<BlobId> ours = Set.of(a, b);
        List<BlobEventEnvelope> seen = BlobEventFeed.from(kit.system(), FeedOffset.START)
                .filter(e -> ours.contains(e.blobId())).take(3)
                .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertEquals(Set.of(a + "#1", a + "#2", b + "#1"),
                seen.stream().map(e -> e.blobId() + "#" + e.sequenceNr()).collect(Collectors.toSet()));
        seen.forEach(e -> assertInstanceOf(BlobEntity.Registered.class, e.event()));
    }
}
