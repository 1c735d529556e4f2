package io.floe.node.healing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one node's self-healing since it started, shown in its health answer: the recovery traffic per
 * rebuilt sliver is {@code bytesFetched / sliversRebuilt}, compared with {@code bytesRebuilt / sliversRebuilt}.
 * Thread-safe; every counter only grows.
 */
public final class HealingMetrics {
    private final AtomicLong sliversRebuilt = new AtomicLong();
    private final AtomicLong bytesFetched = new AtomicLong();
    private final AtomicLong bytesRebuilt = new AtomicLong();
    private final AtomicLong recoveriesFailed = new AtomicLong();
    private final AtomicLong inconsistenciesFound = new AtomicLong();
    private final AtomicLong sliversScrubbed = new AtomicLong();
    private final AtomicLong scrubMismatches = new AtomicLong();
    private final AtomicLong eventsProcessed = new AtomicLong();
    private final AtomicLong recoveriesPending = new AtomicLong();

    /** A point-in-time copy of the counters. */
    public record Snapshot(long sliversRebuilt, long bytesFetched, long bytesRebuilt, long recoveriesFailed,
                           long inconsistenciesFound, long sliversScrubbed, long scrubMismatches,
                           long eventsProcessed, long recoveriesPending) {
    }

    void recorded(RecoveryOutcome outcome) {
        if (outcome instanceof RecoveryOutcome.Rebuilt rebuilt) {
            sliversRebuilt.addAndGet(rebuilt.slivers());
            bytesFetched.addAndGet(rebuilt.bytesFetched());
            bytesRebuilt.addAndGet(rebuilt.bytesRebuilt());
        } else if (outcome instanceof RecoveryOutcome.Failed) {
            recoveriesFailed.incrementAndGet();
        } else if (outcome instanceof RecoveryOutcome.Inconsistent) {
            inconsistenciesFound.incrementAndGet();
        }
    }

    void scrubbed(boolean mismatch) {
        sliversScrubbed.incrementAndGet();
        if (mismatch) {
            scrubMismatches.incrementAndGet();
        }
    }

    void eventProcessed() {
        eventsProcessed.incrementAndGet();
    }

    void setPending(long pending) {
        recoveriesPending.set(pending);
    }

    public Snapshot snapshot() {
        return new Snapshot(sliversRebuilt.get(), bytesFetched.get(), bytesRebuilt.get(), recoveriesFailed.get(),
                inconsistenciesFound.get(), sliversScrubbed.get(), scrubMismatches.get(), eventsProcessed.get(),
                recoveriesPending.get());
    }
}
