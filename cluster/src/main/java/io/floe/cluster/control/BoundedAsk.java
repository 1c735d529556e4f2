package io.floe.cluster.control;

import io.floe.api.control.ControlPlaneException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.dispatch.ExecutionContexts;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.pattern.StatusReply;
import scala.concurrent.ExecutionContext;

/**
 * Asks an actor with a timeout and a bounded number of retries. Cluster Sharding delivers at most once and
 * fail-over takes seconds (PEKKO-NOTES.md), so a lost message is expected; every command sent this way is idempotent,
 * which makes resending it safe. After the last attempt the stage fails with {@link ControlPlaneException.Unavailable}.
 * Only a missing reply is retried: a refusal ({@link #askWithStatus}) is an answer and fails the stage at once.
 *
 * <p>Invariants: at most {@code attempts} asks are sent; the first pause is about {@code backoff}, later ones grow
 * exponentially with up to {@link #JITTER} added (so asks that failed together do not all retry together), and for a
 * positive backoff the pauses together never exceed those of the linear schedule {@code backoff × 1, × 2, ...} this
 * replaced.
 */
public final class BoundedAsk {
    /** Up to this fraction of each pause is added at random. */
    static final double JITTER = 0.2;
    /** Pekko refuses a minimum pause of zero: a backoff of zero retries after this (in practice a scheduler tick). */
    private static final Duration SHORTEST_PAUSE = Duration.ofNanos(1);
    /** Runs the next ask after a pause, off the scheduler's thread, as the executor of the earlier loop did. */
    private static final ExecutionContext RETRIES = ExecutionContexts.fromExecutor(ForkJoinPool.commonPool());

    private final Scheduler scheduler;
    private final AskSettings settings;

    public BoundedAsk(Scheduler scheduler, AskSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    public <Req, Res> CompletionStage<Res> ask(String what, Supplier<RecipientRef<Req>> target,
                                               Function<ActorRef<Res>, Req> message) {
        Duration timeout = settings.timeout();
        int attempts = settings.attempts();
        // Pekko counts retries after the first attempt; every failure (a timeout, mostly) is worth another one.
        CompletionStage<Res> reply = Patterns.retry(
                () -> AskPattern.ask(target.get(), message::apply, timeout, scheduler), (value, error) -> error != null,
                attempts - 1, minBackoff(settings), maxBackoff(settings), JITTER, Adapter.toClassic(scheduler), RETRIES);
        return reply.handle((value, error) -> {
            if (error != null) {
                throw new ControlPlaneException.Unavailable(what + " did not answer in " + attempts + " attempts of "
                        + timeout.toMillis() + " ms (a member may be down or fail-over is running)", error);
            }
            return value;
        });
    }

    /**
     * Asks for a command the actor may refuse: the stage completes with the {@link StatusReply}'s value, or fails
     * with {@link ControlPlaneException.Rejected} carrying the refusal's reason, without asking again.
     */
    public <Req, Res> CompletionStage<Res> askWithStatus(String what, Supplier<RecipientRef<Req>> target,
                                                         Function<ActorRef<StatusReply<Res>>, Req> message) {
        // Not Pekko's AskPattern.askWithStatus: it fails the ask itself on a refusal, which ask() would retry.
        return this.<Req, StatusReply<Res>>ask(what, target, message).thenApply(BoundedAsk::valueOrRejected);
    }

    private static <Res> Res valueOrRejected(StatusReply<Res> reply) {
        if (reply.isError()) {
            throw new ControlPlaneException.Rejected(reply.getError().getMessage());
        }
        return reply.getValue();
    }

    /** Pekko's first pause is twice its minimum: half the backoff makes the first pause the backoff. */
    static Duration minBackoff(AskSettings settings) {
        Duration half = settings.backoff().dividedBy(2);
        return half.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : half;
    }

    /**
     * The longest pause before jitter: the linear schedule's mean pause ({@code backoff × attempts / 2}) less the
     * jitter, so the {@code attempts - 1} pauses, jitter included, add up to at most the linear schedule's total.
     */
    static Duration maxBackoff(AskSettings settings) {
        double meanLinearPause = settings.backoff().toNanos() * settings.attempts() / 2.0;
        Duration max = Duration.ofNanos((long) (meanLinearPause / (1 + JITTER)));
        Duration min = minBackoff(settings);
        return max.compareTo(min) < 0 ? min : max;
    }
}
