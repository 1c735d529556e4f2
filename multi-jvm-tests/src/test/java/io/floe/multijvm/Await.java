package io.floe.multijvm;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded polling for conditions that another process makes true: every wait here ends, with an
 * {@link AssertionError} naming what was awaited and the last failure seen, at its deadline. A condition that throws
 * counts as not yet true (a member that is still starting refuses connections).
 */
public final class Await {
    /** How often a condition is asked again; short next to the seconds that member start-up and fail-over take. */
    static final Duration POLL = Duration.ofMillis(200);

    private Await() {
    }

    /** Returns once {@code condition} is true; fails after {@code bound}. */
    public static void until(Duration bound, BooleanSupplier condition, String what) {
        value(bound, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), what);
    }

    /** The first value {@code probe} offers; fails after {@code bound}. */
    public static <T> T value(Duration bound, Supplier<Optional<T>> probe, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> found = probe.get();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError timeout = new AssertionError("timed out after " + bound.toSeconds() + " s waiting for "
                        + what + (last == null ? "" : " (last failure: " + last + ")"));
                if (last != null) {
                    timeout.initCause(last);
                }
                throw timeout;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
