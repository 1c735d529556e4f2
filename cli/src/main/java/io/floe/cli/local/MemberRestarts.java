package io.floe.cli.local;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The restart history of one member under a {@link RestartPolicy}: times are passed in (nanoTime-like, in
 * nanoseconds), so the decisions are plain arithmetic and tested without waiting.
 *
 * <p>Invariant: {@code restarts} holds the times of the restarts granted within the policy's window, oldest first,
 * never more than {@code maxRestarts}; once {@link #next} answered empty the member stays given up.
 */
public final class MemberRestarts {
    private final RestartPolicy policy;
    private final Deque<Long> restarts = new ArrayDeque<>();
    private int attempt;
    private boolean givenUp;

    MemberRestarts(RestartPolicy policy) {
        this.policy = policy;
    }

    /**
     * The member, started at {@code startedAt}, exited at {@code exitedAt}: the delay before it starts again, or
     * empty when the policy gives it up.
     */
    public Optional<Duration> next(long startedAt, long exitedAt) {
        if (givenUp) {
            return Optional.empty();
        }
        while (!restarts.isEmpty() && exitedAt - restarts.peekFirst() >= policy.window().toNanos()) {
            restarts.removeFirst();
        }
        // A healthy run, or no restart within the window, means the last trouble is over.
        if (restarts.isEmpty() || exitedAt - startedAt >= policy.stable().toNanos()) {
            attempt = 0;
        }
        if (restarts.size() >= policy.maxRestarts()) {
            givenUp = true;
            return Optional.empty();
        }
        Duration delay = policy.delay(attempt);
        attempt++;
        restarts.addLast(exitedAt);
        return Optional.of(delay);
    }

    /** Restarts granted within the window that ended with the last exit. */
    public int recentRestarts() {
        return restarts.size();
    }

    public boolean givenUp() {
        return givenUp;
    }
}
