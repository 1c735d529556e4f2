package io.floe.cluster.readside;

import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.FeedOffset;
import io.floe.cluster.health.ReadSideLag;
import io.floe.persistence.readside.BlobIndexStore;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByTagQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The read side's backlog: the blob events in the journal after the offset its store holds. The store's offset is
 * the last event its rows reflect (written with them, {@code BlobIndexProjection}), so the count is what the
 * projection has still to apply, wherever the singleton runs. Counting stops after {@code atMost + 1} events, so a
 * long backlog costs one bounded query.
 */
final class FeedBacklog implements ReadSideLag {
    private final ActorSystem<?> system;
    private final BlobIndexStore store;

    FeedBacklog(ActorSystem<?> system, BlobIndexStore store) {
        this.system = system;
        this.store = store;
    }

    @Override
    public java.util.concurrent.CompletionStage<Long> eventsBehind(long atMost) {
        String plugin = system.settings().config().getString(BlobEventFeed.READ_JOURNAL_PLUGIN_KEY);
        CurrentEventsByTagQuery journal = PersistenceQuery.get(system)
                .getReadJournalFor(CurrentEventsByTagQuery.class, plugin);
        return store.offset().thenCompose(stored -> journal
                .currentEventsByTag(BlobEventFeed.TAG, stored.map(FeedOffset::parse).orElse(FeedOffset.START).toPekko())
                .take(atMost + 1)
                .runWith(Sink.fold(0L, (count, event) -> count + 1), system));
    }
}
