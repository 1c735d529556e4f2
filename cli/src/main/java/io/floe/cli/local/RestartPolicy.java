package io.floe.cli.local;

import java.time.Duration;

/**
 * How {@code floe local} restarts a member that exited on its own: after {@code first}, doubling with every restart
 * that follows a short run, never more than {@code max}; the delay falls back to {@code first} once a member ran
 * for {@code stable}, or when no restart fell within the last {@code window}. A member that needed {@code maxRestarts} restarts within {@code window} is given up (left
 * stopped, and said so), because a member that cannot stay up would otherwise fill its log and the machine forever.
 *
 * <p>Invariants: {@code 0 < first <= max}, {@code maxRestarts >= 1}, and every delay lies in {@code [first, max]}.
 */
public record RestartPolicy(Duration first, Duration max, Duration stable, int maxRestarts, Duration window) {
    /** 1 s .. 30 s; a run of a minute counts as healthy; at most 5 restarts in 10 minutes. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1), 5, Duration.ofMinutes(10));

    public RestartPolicy {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, was " + first + " .. " + max);
        }
        if (maxRestarts < 1 || window.isNegative() || window.isZero() || stable.isNegative()) {
            throw new IllegalArgumentException("needs maxRestarts >= 1 and a positive window, was " + maxRestarts
                    + " in " + window);
        }
    }

    /** The delay before restart number {@code attempt} (0 for the first after a healthy run). */
    public Duration delay(int attempt) {
        Duration delay = first;
        for (int i = 0; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** A fresh history of one member under this policy. */
    public MemberRestarts history() {
        return new MemberRestarts(this);
    }
}
