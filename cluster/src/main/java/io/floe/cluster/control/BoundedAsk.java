package io.floe.cluster.control;

import io.floe.api.control.ControlPlaneException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Asks an actor with a timeout and a bounded number of retries. Cluster Sharding delivers at most once and
 * fail-over takes seconds (PEKKO-NOTES.md), so a lost message is expected; every command sent this way is idempotent,
 * which makes resending it safe. After the last attempt the stage fails with {@link ControlPlaneException.Unavailable}.
 */
public final class BoundedAsk {
    private final Scheduler scheduler;
    private final AskSettings settings;

    public BoundedAsk(Scheduler scheduler, AskSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    public <Req, Res> CompletionStage<Res> ask(String what, Supplier<RecipientRef<Req>> target,
                                               Function<ActorRef<Res>, Req> message) {
        return attempt(what, target, message, 1);
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
