package io.floe.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The backoff of {@code floe local}'s restarts: doubling, capped, reset by a healthy run, bounded per window. */
class RestartPolicyTest {
    private static final long SECOND = 1_000_000_000L;
    private static final RestartPolicy POLICY = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1), 5, Duration.ofMinutes(10));

    @Test
    void delaysDoubleFromTheFirstUpToTheMax() {
        assertEquals(Duration.ofSeconds(1), POLICY.delay(0));
        assertEquals(Duration.ofSeconds(2), POLICY.delay(1));
        assertEquals(Duration.ofSeconds(16), POLICY.delay(4));
        assertEquals(Duration.ofSeconds(30), POLICY.delay(5));
        assertEquals(Duration.ofSeconds(30), POLICY.delay(Integer.MAX_VALUE));
    }

    @Test
    void aMemberThatDiesAtOnceWaitsLongerEachTimeThenIsGivenUp() {
        MemberRestarts history = POLICY.history();
        long now = 0;
        for (long expected : new long[] {1, 2, 4, 8, 16}) {
            Optional<Duration> delay = history.next(now, now + SECOND);
            assertEquals(Optional.of(Duration.ofSeconds(expected)), delay);
            now += SECOND + delay.get().toNanos();
        }
        assertEquals(Optional.empty(), history.next(now, now + SECOND));
        assertTrue(history.givenUp());
        assertEquals(Optional.empty(), history.next(now + 3600 * SECOND, now + 7200 * SECOND),
                "a member given up stays given up");
    }

    @Test
    void aHealthyRunResetsTheDelay() {
        MemberRestarts history = POLICY.history();
        assertEquals(Optional.of(Duration.ofSeconds(1)), history.next(0, SECOND));
        assertEquals(Optional.of(Duration.ofSeconds(2)), history.next(2 * SECOND, 3 * SECOND));
        // Up for two minutes: the next exit starts from the first delay again.
        assertEquals(Optional.of(Duration.ofSeconds(1)), history.next(5 * SECOND, 125 * SECOND));
    }

    @Test
    void restartsOlderThanTheWindowNoLongerCount() {
        MemberRestarts history = POLICY.history();
        long now = 0;
        for (int i = 0; i < 5; i++) {
            now += 61 * SECOND;
            assertTrue(history.next(now - 61 * SECOND, now).isPresent(), "restart " + i);
        }
        assertEquals(5, history.recentRestarts());
        // Eleven minutes later every earlier restart is out of the window.
        now += 660 * SECOND;
        assertEquals(Optional.of(Duration.ofSeconds(1)), history.next(now - SECOND, now));
        assertEquals(1, history.recentRestarts());
    }

    @Test
    void refusesAnEmptyOrInvertedBackoff() {
        assertThrows(IllegalArgumentException.class, () -> new RestartPolicy(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofMinutes(1), 5, Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class, () -> new RestartPolicy(Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofMinutes(1), 5, Duration.ofMinutes(10)));
        assertThrows(IllegalArgumentException.class, () -> new RestartPolicy(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofMinutes(1), 0, Duration.ofMinutes(10)));
    }
}
