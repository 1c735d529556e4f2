package io.floe.cli.client;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a response body at a deadline. The JDK client's request timeout stops at the response headers; closing the
 * body from another thread is what makes a blocked read of a stalled download return, with an IOException.
 */
final class Watchdog implements AutoCloseable {
    private final AtomicBoolean fired = new AtomicBoolean();
    private final CompletableFuture<Void> alarm;

    private Watchdog(Closeable body, long deadlineNanos) {
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        alarm = CompletableFuture.runAsync(() -> fire(body),
            CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS));
    }

    /** Arms a watchdog that closes {@code body} when {@code System.nanoTime()} passes {@code deadlineNanos}. */
    static Watchdog arm(Closeable body, long deadlineNanos) {
        return new Watchdog(body, deadlineNanos);
    }

    private void fire(Closeable body) {
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
        alarm.cancel(false);
    }
}
