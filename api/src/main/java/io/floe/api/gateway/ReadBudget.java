package io.floe.api.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The heap all reads of one gateway may hold at once ({@code floe.gateway.read-budget}, DESIGN-ADDENDA §14): a
 * streamed read reserves its sliver window when it starts (the read-ahead it wants, or less down to two groups when
 * others hold the rest), a whole read the slivers and bytes it decodes; a read that cannot get its least fails with
 * {@link ReadsBusyException} (503 before its first byte). One read alone always runs, whatever it needs.
 *
 * <p>Invariant: every reservation is released exactly once, when the read's stream ends however it ends (completed,
 * failed, cancelled by its client) or when its whole read completes.
 */
final class ReadBudget {
    private final ByteBudget budget;

    ReadBudget(long bytes) {
        this.budget = new ByteBudget(bytes);
    }

    /**
     * {@code body} given the bytes reserved for it (between {@code min} and {@code max}), reserved only when the
     * stream is run and released when it ends.
     */
    Source<ByteString, NotUsed> stream(long min, long max, LongFunction<Source<ByteString, NotUsed>> body) {
        return Source.lazySource(() -> {
            long granted = budget.tryReserve(min, max);
            if (granted == 0) {
                return Source.<ByteString>failed(new ReadsBusyException(budget.budget()));
            }
            Runnable release = once(granted);
            try {
                return body.apply(granted).watchTermination((notUsed, done) -> {
                    done.whenComplete((ok, error) -> release.run());
                    return NotUsed.getInstance();
                });
            } catch (RuntimeException e) {
                release.run();
                throw e;
            }
        }).mapMaterializedValue(m -> NotUsed.getInstance());
    }

    /** {@code read} with {@code bytes} reserved until it completes; fails at once when they cannot be had. */
    <T> CompletableFuture<T> whole(long bytes, Supplier<CompletableFuture<T>> read) {
        if (budget.tryReserve(bytes, bytes) == 0) {
            return CompletableFuture.failedFuture(new ReadsBusyException(budget.budget()));
        }
        Runnable release = once(bytes);
        try {
            return read.get().whenComplete((value, error) -> release.run());
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private Runnable once(long bytes) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                budget.release(bytes);
            }
        };
    }
}
