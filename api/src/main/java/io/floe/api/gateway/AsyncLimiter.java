package io.floe.api.gateway;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most {@code permits} in flight; the rest wait in arrival order. Used to bound the
 * requests one store or read sends to one storage node.
 */
final class AsyncLimiter {
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int available;

    AsyncLimiter(int permits) {
        this.available = permits;
    }

    <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> running;
            try {
                running = task.get();
            } catch (RuntimeException e) {
                running = CompletableFuture.failedFuture(e);
            }
            running.whenComplete((value, error) -> {
                release();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = available > 0;
            if (now) {
                available--;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                available++;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
