package io.floe.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floe.api.control.ControlPlaneException;
import io.floe.cluster.config.FloeSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BoundedAskTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration BACKOFF = Duration.ofMillis(50);

    private final BoundedAsk ask = new BoundedAsk(KIT.scheduler(), new FloeSettings.Ask(TIMEOUT, 3, BACKOFF));
    private final TestProbe<Command> target = KIT.createTestProbe();

    record Command(ActorRef<StatusReply<String>> replyTo) {
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    @Test
    void answersTheValueOfASuccess() throws Exception {
        CompletableFuture<String> answer = askTarget();
        target.receiveMessage().replyTo().tell(StatusReply.success("done"));
        assertEquals("done", answer.get(5, TimeUnit.SECONDS));
    }

    @Test
    void failsOnARefusalAtOnceWithItsReasonAndNeverAsksAgain() {
        CompletableFuture<String> answer = askTarget();
        target.receiveMessage().replyTo().tell(StatusReply.error("epochs ahead must be 1..53: 54"));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ControlPlaneException.Rejected.class, failed.getCause());
        assertEquals("epochs ahead must be 1..53: 54", failed.getCause().getMessage());
        // A retry would arrive one timeout and one backoff after the first ask.
        target.expectNoMessage(TIMEOUT.multipliedBy(2).plus(BACKOFF));
    }

    @Test
    void asksAgainWhenNoAnswerComesThenGivesUp() {
        CompletableFuture<String> answer = askTarget();
        for (int attempt = 1; attempt <= 3; attempt++) {
            target.receiveMessage(Duration.ofSeconds(5));
        }
        ExecutionException failed = assertThrows(ExecutionException.class, () -> answer.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ControlPlaneException.Unavailable.class, failed.getCause());
        target.expectNoMessage(TIMEOUT.multipliedBy(2));
    }

    private CompletableFuture<String> askTarget() {
        return ask.askWithStatus("the target", target::ref, Command::new).toCompletableFuture();
    }
}
