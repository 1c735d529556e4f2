package io.floe.actors.readside;

import io.floe.actors.events.BlobEventEnvelope;
import io.floe.actors.events.BlobEventFeed;
import io.floe.actors.events.FeedDelay;
import io.floe.metrics.FloeMetrics;
import io.floe.actors.events.FeedOffset;
import io.floe.encoding.metadata.BlobId;
import io.floe.persistence.readside.BlobIndexRow;
import io.floe.persistence.readside.BlobIndexStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link BlobIndexStore} in step with the blob event feed: reads the store's offset, follows the feed from
 * there, folds each batch of events into rows ({@link BlobIndexFold}) and applies the changed rows together with
 * the offset of the batch's last event. Runs as one cluster singleton, so rows have a single writer.
 *
 * <p>Invariants: a batch is applied only after the previous one was (one apply in flight); the stored offset is the
 * last event the stored rows reflect, so after any failure or crash the projection restarts (with backoff) from
 * the store's offset and applies every later event exactly once. A fresh store gets the {@code start} offset
 * first, which marks the read-side as running even before the first event.
 */
public final class BlobIndexProjection {
    /** The singleton's name in the cluster. */
    public static final String NAME = "blob-index-projection";

    private static final Logger LOG = LoggerFactory.getLogger(BlobIndexProjection.class);

    /** Messages the projection sends itself; nobody else talks to it. */
    public interface Command {
    }

    // Each incarnation tags its messages: a stream of an earlier incarnation may still report its end after a restart.
    private record Resume(Object incarnation, FeedOffset offset) implements Command {
    }

    private record StreamEnded(Object incarnation, Throwable failure) implements Command {
    }

    /** A live feed after an offset: the configured read journal in production, a stand-in in tests. */
    public interface Feed extends Function<FeedOffset, Source<BlobEventEnvelope, NotUsed>> {
    }

    private BlobIndexProjection() {
    }

    /** Starts the projection as a cluster singleton on members with {@code role} (or joins it). */
    public static ActorRef<Command> initSingleton(ActorSystem<?> system, String role, BlobIndexStore store,
                                                  ReadSideSettings settings) {
        Feed feed = offset -> BlobEventFeed.from(system, offset);
        return ClusterSingleton.get(system).init(SingletonActor.of(create(store, feed, settings), NAME)
                .withSettings(ClusterSingletonSettings.create(system).withRole(role)));
    }

    /** The projection's behaviour, restarted with backoff whenever the feed or the store fails. */
    public static Behavior<Command> create(BlobIndexStore store, Feed feed, ReadSideSettings settings) {
        Behavior<Command> projection = Behaviors.setup(ctx -> starting(ctx, new Object(), store, feed, settings));
        // fail() has logged why at WARN; the supervisor's own ERROR with a stack trace would repeat it per restart.
        return Behaviors.supervise(projection).onFailure(SupervisorStrategy.restartWithBackoff(
                settings.minBackoff(), settings.maxBackoff(), 0.2).withLoggingEnabled(false));
    }

    private static Behavior<Command> starting(ActorContext<Command> ctx, Object incarnation, BlobIndexStore store,
                                              Feed feed, ReadSideSettings settings) {
        ctx.pipeToSelf(storedOffset(store), (offset, failure) -> failure == null ? new Resume(incarnation, offset)
                : new StreamEnded(incarnation, failure));
        return Behaviors.receive(Command.class)
                .onMessage(Resume.class, resume -> resume.incarnation() == incarnation,
                        resume -> running(ctx, incarnation, store, feed, settings, resume.offset()))
                .onMessage(StreamEnded.class, ended -> ended.incarnation() == incarnation,
                        ended -> fail(ended.failure()))
                .build();
    }

    /** The stored offset; a fresh store is given {@code start} first. */
    private static CompletionStage<FeedOffset> storedOffset(BlobIndexStore store) {
        return store.offset().thenCompose(stored -> {
            if (stored.isPresent()) {
                return CompletableFuture.completedFuture(FeedOffset.parse(stored.get()));
            }
            return store.apply(List.of(), FeedOffset.START.text()).thenApply(done -> FeedOffset.START);
        });
    }

    private static Behavior<Command> running(ActorContext<Command> ctx, Object incarnation, BlobIndexStore store,
                                             Feed feed, ReadSideSettings settings, FeedOffset offset) {
        LOG.info("Read-side projection follows the blob events after offset {}", offset);
        FeedDelay delay = FeedDelay.of(FloeMetrics.get(ctx.getSystem()).registry(), "read_side");
        Pair<UniqueKillSwitch, CompletionStage<Done>> run = feed.apply(offset)
                .groupedWithin(settings.maxBatch(), settings.batchWindow())
                .mapAsync(1, batch -> applyBatch(store, batch).thenApply(done -> batch))
                .map(batch -> {
                    delay.handled(batch);
                    return batch;
                })
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.ignore(), Keep.both())
                .run(ctx.getSystem());
        ctx.pipeToSelf(run.second(), (done, failure) -> new StreamEnded(incarnation, failure));
        UniqueKillSwitch killSwitch = run.first();
        return Behaviors.receive(Command.class)
                .onMessage(StreamEnded.class, ended -> ended.incarnation() == incarnation,
                        ended -> fail(ended.failure()))
                .onSignal(PreRestart.class, signal -> stop(killSwitch))
                .onSignal(PostStop.class, signal -> stop(killSwitch))
                .build();
    }

    private static Behavior<Command> stop(UniqueKillSwitch killSwitch) {
        killSwitch.shutdown();
        return Behaviors.same();
    }

    // The live feed never completes on its own: ending at all means the journal or the store failed.
    private static Behavior<Command> fail(Throwable failure) {
        String why = failure == null ? "the event feed ended" : failure.toString();
        LOG.warn("Read-side projection stopped ({}); it restarts from the stored offset", why);
        throw new ProjectionFailedException(why, failure);
    }

    /** Folds one batch on the stored rows of its blobs and applies the changed rows with the batch's last offset. */
    static CompletionStage<Done> applyBatch(BlobIndexStore store, List<BlobEventEnvelope> batch) {
        return storedRows(store, batch).thenCompose(current -> {
            Map<BlobId, BlobIndexRow> changed = BlobIndexFold.fold(current, batch);
            FeedOffset last = batch.get(batch.size() - 1).offset();
            LOG.debug("Read-side applies {} events: {} rows changed, offset {}", batch.size(), changed.size(), last);
            return store.apply(new ArrayList<>(changed.values()), last.text()).thenApply(done -> Done.getInstance());
        });
    }

    private static CompletionStage<Map<BlobId, BlobIndexRow>> storedRows(BlobIndexStore store,
                                                                       List<BlobEventEnvelope> batch) {
        LinkedHashSet<BlobId> ids = new LinkedHashSet<>();
        batch.forEach(e -> ids.add(e.blobId()));
        List<CompletableFuture<Optional<BlobIndexRow>>> reads = ids.stream()
                .map(id -> store.blob(id).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(all -> {
            Map<BlobId, BlobIndexRow> rows = new LinkedHashMap<>();
            reads.forEach(read -> read.join().ifPresent(row -> rows.put(row.blobId(), row)));
            return rows;
        });
    }

    /** The feed or the store failed; the supervisor restarts the projection after a backoff. */
    static final class ProjectionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProjectionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
