package io.floe.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.control.ControlPlaneException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BoundedAskTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("bounded-ask");
    private static final long WAIT_SECONDS = 10;

    private final TestProbe<Ping> target = TEST_KIT.createTestProbe();

    private record Ping(ActorRef<String> replyTo) {
    }

    /** A command the target may refuse. */
    private record Command(ActorRef<StatusReply<String>> replyTo) {
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    private static AskSettings settings(int attempts, long timeoutMillis, long backoffMillis) {
        return new AskSettings(Duration.ofMillis(timeoutMillis), attempts, Duration.ofMillis(backoffMillis));
    }

    private CompletionStage<String> ping(AskSettings settings) {
        return new BoundedAsk(TEST_KIT.system().scheduler(), settings).ask("the ledger", target::ref, Ping::new);
    }

    @Test
    void resendsALostAskUntilTheTargetAnswers() throws Exception {
        CompletionStage<String> reply = ping(settings(4, 200, 50));

        target.expectMessageClass(Ping.class); // lost: never answered
        target.expectMessageClass(Ping.class).replyTo().tell("pong");

        assertEquals("pong", reply.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void failsUnavailableAfterTheLastAttempt() {
        AskSettings settings = settings(3, 100, 200);
        long start = System.nanoTime();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ping(settings).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));

        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        ControlPlaneException.Unavailable unavailable = assertInstanceOf(ControlPlaneException.Unavailable.class,
                e.getCause());
        assertEquals("the ledger did not answer in 3 attempts of 100 ms (a member may be down or fail-over is running)",
                unavailable.getMessage());
        assertInstanceOf(TimeoutException.class, unavailable.getCause());
        for (int i = 0; i < 3; i++) {
            target.expectMessageClass(Ping.class);
        }
        target.expectNoMessage(Duration.ofMillis(300));
        // Three timeouts, then pauses of at least 200 ms and min(250, 400) ms: jitter only lengthens them.
        assertTrue(waited >= 3 * 100 + 200 + 250, "waited only " + waited + " ms");
    }

    @Test
    void pausesWithJitterNeverAddUpToMoreThanTheLinearSchedule() {
        for (int attempts = 1; attempts <= 10; attempts++) {
            for (long backoff : new long[] {1, 100, 500, 3_000}) {
                AskSettings settings = settings(attempts, 5_000, backoff);
                long min = BoundedAsk.minBackoff(settings).toNanos();
                long max = BoundedAsk.maxBackoff(settings).toNanos();
                double longest = 0;
                for (int retry = 1; retry < attempts; retry++) {
                    // Pekko's pause before retry k: min(max, min * 2^k), lengthened by up to the jitter.
                    longest += Math.min(max, min * Math.pow(2, retry)) * (1 + BoundedAsk.JITTER);
                }
                double linear = Duration.ofMillis(backoff).toNanos() * attempts * (attempts - 1) / 2.0;
                assertTrue(longest <= linear * (1 + 1e-9), attempts + " attempts, backoff " + backoff);
                if (attempts >= 3) {
                    assertEquals(Duration.ofMillis(backoff).toNanos(), Math.min(max, 2 * min), "first pause");
                }
            }
        }
    }

    @Test
    void aZeroBackoffStillRetries() throws Exception {
        CompletionStage<String> reply = ping(settings(2, 100, 0));

        target.expectMessageClass(Ping.class);
        target.expectMessageClass(Ping.class).replyTo().tell("pong");

        assertEquals("pong", reply.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void answersTheValueOfASuccess() throws Exception {
        TestProbe<Command> refuser = TEST_KIT.createTestProbe();
        CompletableFuture<String> answer = askWithStatus(refuser);
        refuser.receiveMessage().replyTo().tell(StatusReply.success("done"));
        assertEquals("done", answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void failsOnARefusalAtOnceWithItsReasonAndNeverAsksAgain() {
        TestProbe<Command> refuser = TEST_KIT.createTestProbe();
        CompletableFuture<String> answer = askWithStatus(refuser);
        refuser.receiveMessage().replyTo().tell(StatusReply.error("epochs ahead must be 1..53: 54"));
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(ControlPlaneException.Rejected.class, failed.getCause());
        assertEquals("epochs ahead must be 1..53: 54", failed.getCause().getMessage());
        // A retry would arrive one timeout and one backoff after the first ask.
        refuser.expectNoMessage(Duration.ofMillis(300 * 2 + 50));
    }

    private static CompletableFuture<String> askWithStatus(TestProbe<Command> refuser) {
        return new BoundedAsk(TEST_KIT.system().scheduler(), settings(3, 300, 50))
                .askWithStatus("the target", refuser::ref, Command::new).toCompletableFuture();
    }
}
