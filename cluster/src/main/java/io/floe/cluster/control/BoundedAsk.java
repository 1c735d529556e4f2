package io.floe.cluster.control;

import io.floe.api.control.ControlPlaneException;
import io.floe.cluster.config.FloeSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.pattern.StatusReply;

/**
 * Asks an actor with a timeout and a bounded number of retries. Cluster Sharding delivers at most once and
 * fail-over takes seconds (PEKKO-NOTES.md), so a lost message is expected; every command sent this way is idempotent,
 * which makes resending it safe. After the last attempt the stage fails with {@link ControlPlaneException.Unavailable}.
 * Only a missing reply is retried: a refusal ({@link #askWithStatus}) is an answer and fails the stage at once.
 */
public final class BoundedAsk {
    private final Scheduler scheduler;
    private final FloeSettings.Ask settings;

    public BoundedAsk(Scheduler scheduler, FloeSettings.Ask settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    public <Req, Res> CompletionStage<Res> ask(String what, Supplier<RecipientRef<Req>> target,
                                               Function<ActorRef<Res>, Req> message) {
        return attempt(what, target, message, 1);
    }

    /**
     * Asks for a command the actor may refuse: the stage completes with the {@link StatusReply}'s value, or fails
     * with {@link ControlPlaneException.Rejected} carrying the refusal's reason, without asking again.
     */
    public <Req, Res> CompletionStage<Res> askWithStatus(String what, Supplier<RecipientRef<Req>> target,
                                                         Function<ActorRef<StatusReply<Res>>, Req> message) {
        // Not Pekko's AskPattern.askWithStatus: it fails the ask itself on a refusal, which attempt() would retry.
        return this.<Req, StatusReply<Res>>ask(what, target, message).thenApply(BoundedAsk::valueOrRejected);
    }

    private static <Res> Res valueOrRejected(StatusReply<Res> reply) {
        if (reply.isError()) {
            throw new ControlPlaneException.Rejected(reply.getError().getMessage());
        }
        return reply.getValue();
    }

    private <Req, Res> CompletionStage<Res> attempt(String what, Supplier<RecipientRef<Req>> target,
                                                    Function<ActorRef<Res>, Req> message, int attempt) {
        Duration timeout = settings.timeout();
        CompletionStage<Res> reply = AskPattern.ask(target.get(), message::apply, timeout, scheduler);
        return reply.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            if (attempt >= settings.attempts()) {
                return CompletableFuture.<Res>failedFuture(new ControlPlaneException.Unavailable(what + " did not answer in "
                        + attempt + " attempts of " + timeout.toMillis() + " ms (a member may be down or fail-over is running)",
                        error));
            }
            Duration pause = settings.backoff().multipliedBy(attempt);
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(x -> attempt(what, target, message, attempt + 1));
        }).thenCompose(Function.identity());
    }
}
