package io.floe.actors.events;

import io.floe.actors.blob.BlobEntity;
import io.floe.encoding.metadata.BlobId;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * Writes chosen Blob entity events into the real journal under the entity's persistence ID and tag, so the feed
 * delivers them exactly as it delivers a Blob entity's (without a committee and signed confirmations to certify).
 * Shared with the node module's tests through this module's test-jar.
 */
public final class BlobEventWriter extends EventSourcedBehavior<BlobEventWriter.Write, BlobEntity.Event, Integer> {
    public record Write(List<BlobEntity.Event> events, ActorRef<Done> replyTo) {
    }

    public BlobEventWriter(BlobId blobId) {
        super(PersistenceId.of(BlobEntity.ENTITY_KEY.name(), blobId.toString()));
    }

    @Override
    public Integer emptyState() {
        return 0;
    }

    @Override
    public Set<String> tagsFor(BlobEntity.Event event) {
        return Set.of(BlobEventFeed.TAG);
    }

    @Override
    public CommandHandler<Write, BlobEntity.Event, Integer> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Write.class, (state, w) -> Effect().persist(w.events())
                        .thenRun(s -> w.replyTo().tell(Done.getInstance())))
                .build();
    }

    @Override
    public EventHandler<Integer, BlobEntity.Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((state, e) -> state + 1);
    }
}
