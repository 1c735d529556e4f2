package io.floe.cluster.health;

import io.floe.actors.events.BlobEventFeed;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Readiness: the event journal answers. It reads the (empty) event history of a persistence ID nobody writes,
 * through the member's read journal, which shares the journal's connection pool (H2) or session (Cassandra): one
 * small query on the same path as every write, bounded below Pekko Management's check timeout so that the
 * answer names the journal.
 */
public final class JournalReachableCheck implements Supplier<CompletionStage<Boolean>> {
    /** No entity has this persistence ID (entity IDs hold a '|'), so the query reads nothing but reaches the server. */
    static final String PROBE_ID = "floe-health-probe";

    /** Its name in management.conf, repeated in its answers (Pekko Management names Java checks by lambda class). */
    static final String NAME = "journal-reachable";

    private final ActorSystem system;
    private final Duration bound;

    public JournalReachableCheck(ActorSystem system) {
        this.system = system;
        this.bound = Checks.ownBound(system);
    }

    @Override
    public CompletionStage<Boolean> get() {
        String plugin = system.settings().config().getString(BlobEventFeed.READ_JOURNAL_PLUGIN_KEY);
        CurrentEventsByPersistenceIdQuery journal = PersistenceQuery.get(system)
                .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, plugin);
        return Checks.bounded(journal.currentEventsByPersistenceId(PROBE_ID, 0L, Long.MAX_VALUE)
                .runWith(Sink.ignore(), system), bound)
                .handle((done, failure) -> {
                    if (failure != null) {
                        throw new NotHealthyException(NAME + ": the journal (" + plugin + ") does not answer: "
                                + Checks.rootMessage(failure));
                    }
                    return true;
                });
    }
}
