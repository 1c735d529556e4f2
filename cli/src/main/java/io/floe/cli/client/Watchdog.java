package io.floe.cli.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a response body once it has been idle too long. The JDK client's request timeout stops at the response
 * headers; closing the body from another thread is what makes a blocked read of a stalled download return, with an
 * IOException. The limit is on silence, not on the whole download: each {@link #touch} (bytes arrived) moves the
 * deadline, so a multi-GiB blob that keeps flowing is never cut, and one that stops is, one idle period later.
 */
final class Watchdog implements AutoCloseable {
    private final AtomicBoolean fired = new AtomicBoolean();
    private final Closeable body;
    private final long idleNanos;
    private volatile long deadline;
    private volatile boolean closed;
    private volatile CompletableFuture<Void> alarm;

    private Watchdog(Closeable body, Duration idle) {
        this.body = body;
        this.idleNanos = idle.toNanos();
        this.deadline = System.nanoTime() + idleNanos;
        schedule(idleNanos);
    }

    /** Arms a watchdog that closes {@code body} when no {@link #touch} came for {@code idle}, from now on. */
    static Watchdog idle(Closeable body, Duration idle) {
        return new Watchdog(body, idle);
    }

    /** Bytes arrived: the body may stay silent for another idle period. A volatile write, cheap per buffer. */
    void touch() {
        deadline = System.nanoTime() + idleNanos;
    }

    // One pending alarm at a time; when it finds the deadline moved, it waits for the rest instead of firing.
    private void schedule(long delayNanos) {
        alarm = CompletableFuture.runAsync(this::check,
            CompletableFuture.delayedExecutor(Math.max(0, delayNanos), TimeUnit.NANOSECONDS));
    }

    private void check() {
        long left = deadline - System.nanoTime();
        if (closed) {
            return;
        }
        if (left > 0) {
            schedule(left);
            return;
        }
        fired.set(true);
        try {
            body.close();
        } catch (IOException e) {
            // The reader sees the stream fail either way.
        }
    }

    /** True once the deadline closed the body: a failing read then means a timeout, not a broken connection. */
    boolean fired() {
        return fired.get();
    }

    @Override
    public void close() {
        closed = true;
        alarm.cancel(false);
    }
}
