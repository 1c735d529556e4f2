package io.floe.actors.events;

import io.floe.actors.blob.BlobEntity;
import io.floe.encoding.metadata.BlobId;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Every Blob entity event of the network, in journal order, as a live stream that can resume after a stored
 * offset. It is what node event processors and the read-side follow instead of asking entities: Blob entities
 * tag each event with {@link #TAG}, and the configured read journal serves the tag (the embedded journal and
 * Cassandra both do).
 */
public final class BlobEventFeed {
    /** The tag on every Blob entity event. */
    public static final String TAG = BlobEntity.EVENT_TAG;
    /** The configuration key naming the read journal plugin (set by the journal's conf file). */
    public static final String READ_JOURNAL_PLUGIN_KEY = "floe.persistence.read-journal-plugin";

    private BlobEventFeed() {
    }

    /** The live feed from the read journal this member's configuration names. */
    public static Source<BlobEventEnvelope, NotUsed> from(ActorSystem<?> system, FeedOffset after) {
        return from(system, system.settings().config().getString(READ_JOURNAL_PLUGIN_KEY), after);
    }

    /** The live feed after {@code after} from the read journal plugin {@code readJournalPluginId}. */
    public static Source<BlobEventEnvelope, NotUsed> from(ActorSystem<?> system, String readJournalPluginId,
                                                          FeedOffset after) {
        EventsByTagQuery journal = PersistenceQuery.get(system)
                .getReadJournalFor(EventsByTagQuery.class, readJournalPluginId);
        return journal.eventsByTag(TAG, after.toPekko())
                .filter(envelope -> envelope.event() instanceof BlobEntity.Event)
                .map(BlobEventFeed::toEnvelope);
    }

    static BlobEventEnvelope toEnvelope(EventEnvelope envelope) {
        return new BlobEventEnvelope(FeedOffset.of(envelope.offset()), blobIdOf(envelope.persistenceId()),
                envelope.sequenceNr(), (BlobEntity.Event) envelope.event(), envelope.timestamp());
    }

    /** The blob ID in a Blob entity's persistence ID ({@code Blob|<id>}). */
    static BlobId blobIdOf(String persistenceId) {
        int bar = persistenceId.indexOf('|');
        if (bar < 0 || !persistenceId.substring(0, bar).equals(BlobEntity.ENTITY_KEY.name())) {
            throw new IllegalArgumentException("not a Blob entity's persistence ID: " + persistenceId);
        }
        return BlobId.parse(persistenceId.substring(bar + 1));
    }
}
