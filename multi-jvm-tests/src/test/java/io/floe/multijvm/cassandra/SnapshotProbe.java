package io.floe.multijvm.cassandra;

import io.floe.multijvm.Await;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.AbstractPersistentActor;
import org.apache.pekko.persistence.DeleteMessagesFailure;
import org.apache.pekko.persistence.DeleteMessagesSuccess;
import org.apache.pekko.persistence.RecoveryCompleted;
import org.apache.pekko.persistence.SnapshotOffer;

/**
 * A classic persistent actor that reads another entity's journal through Pekko's public persistence API, whatever
 * the plugin: it recovers under the entity's persistence ID and reports which snapshot the journal offered and the
 * last sequence number, and it can delete the entity's events up to a sequence number. It persists nothing.
 */
final class SnapshotProbe extends AbstractPersistentActor {
    /** What a recovery saw: the offered snapshot's sequence number, if any, and the highest event's. */
    record Recovery(OptionalLong snapshotSequenceNr, long lastSequenceNr) {
    }

    record Deleted(long toSequenceNr) {
    }

    record DeleteFailed(Throwable cause) {
    }

    private final String persistenceId;
    private final ActorRef reportTo;
    private final long deleteTo;
    private OptionalLong offered = OptionalLong.empty();

    private SnapshotProbe(String persistenceId, ActorRef reportTo, long deleteTo) {
        this.persistenceId = persistenceId;
        this.reportTo = reportTo;
        this.deleteTo = deleteTo;
    }

    /** Waits until a recovery of {@code persistenceId} is offered the snapshot at {@code sequenceNr}. */
    static Recovery awaitSnapshot(ActorTestKit kit, String persistenceId, long sequenceNr, Duration bound) {
        return Await.value(bound, () -> {
            Recovery seen = recover(kit, persistenceId, 0).recovery();
            return seen.snapshotSequenceNr().equals(OptionalLong.of(sequenceNr)) ? Optional.of(seen) : Optional.empty();
        }, "a snapshot of " + persistenceId + " at sequence number " + sequenceNr);
    }

    /** Deletes the events of {@code persistenceId} up to and including {@code toSequenceNr}. */
    static void deleteEventsTo(ActorTestKit kit, String persistenceId, long toSequenceNr, Duration bound) {
        Object outcome = recover(kit, persistenceId, toSequenceNr).probe().receiveMessage(bound);
        if (!(outcome instanceof Deleted)) {
            throw new AssertionError("deleting events of " + persistenceId + " to " + toSequenceNr + ": " + outcome);
        }
    }

    private record Run(Recovery recovery, TestProbe<Object> probe) {
    }

    private static Run recover(ActorTestKit kit, String persistenceId, long deleteTo) {
        TestProbe<Object> probe = kit.createTestProbe();
        ActorRef reportTo = Adapter.toClassic(probe.ref());
        Props props = Props.create(SnapshotProbe.class, () -> new SnapshotProbe(persistenceId, reportTo, deleteTo));
        // A typed system takes no classic top-level actors: a typed parent creates it.
        kit.spawn(Behaviors.setup(ctx -> {
            Adapter.actorOf(ctx, props);
            return Behaviors.empty();
        }));
        return new Run(probe.expectMessageClass(Recovery.class, EntityCalls.REPLY), probe);
    }

    @Override
    public String persistenceId() {
        return persistenceId;
    }

    @Override
    public Receive createReceiveRecover() {
        return receiveBuilder()
                .match(SnapshotOffer.class, offer -> offered = OptionalLong.of(offer.metadata().sequenceNr()))
                .match(RecoveryCompleted.class, done -> recovered())
                .matchAny(event -> { })
                .build();
    }

    private void recovered() {
        reportTo.tell(new Recovery(offered, lastSequenceNr()), self());
        if (deleteTo > 0) {
            deleteMessages(deleteTo);
        } else {
            getContext().stop(self());
        }
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(DeleteMessagesSuccess.class, ok -> report(new Deleted(ok.toSequenceNr())))
                .match(DeleteMessagesFailure.class, failed -> report(new DeleteFailed(failed.cause())))
                .build();
    }

    private void report(Object outcome) {
        reportTo.tell(outcome, self());
        getContext().stop(self());
    }
}
