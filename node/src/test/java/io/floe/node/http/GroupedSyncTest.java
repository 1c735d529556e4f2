package io.floe.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GroupedSyncTest {

    @Test
    void everyCallerIsCoveredByASyncThatStartedAfterItsWrite() throws Exception {
        // A "write" bumps written; a sync records how far writes had got when it started. Each caller checks, after
        // sync() returns, that some finished sync had started after its own write.
        AtomicLong written = new AtomicLong();
        AtomicLong durable = new AtomicLong();
        AtomicInteger syncs = new AtomicInteger();
        GroupedSync grouped = new GroupedSync(() -> {
            long upTo = written.get();
            syncs.incrementAndGet();
            sleep(2);
            durable.accumulateAndGet(upTo, Math::max);
        });
        int callers = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    long mine = written.incrementAndGet();
                    grouped.sync();
                    return durable.get() >= mine;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(), "a caller returned before its write was synced");
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(syncs.get() < callers, "concurrent callers should share syncs, ran " + syncs.get());
    }

    @Test
    void aFailedSyncFailsTheCallersItCoveredAndTheNextCallerSyncsAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch failing = new CountDownLatch(1);
        GroupedSync grouped = new GroupedSync(() -> {
            if (calls.incrementAndGet() == 1) {
                failing.countDown();
                throw new IllegalStateException("disk gone");
            }
        });
        assertThrows(IllegalStateException.class, grouped::sync);
        assertTrue(failing.await(1, TimeUnit.SECONDS));
        grouped.sync();
        assertEquals(2, calls.get());
    }

    @Test
    void anErrorInTheSyncFailsItsCallerAndLeavesNoCallerWaiting() {
        AtomicInteger calls = new AtomicInteger();
        GroupedSync grouped = new GroupedSync(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new AssertionError("native flush failed");
            }
        });
        IllegalStateException failed = assertThrows(IllegalStateException.class, grouped::sync);
        assertTrue(failed.getCause() instanceof AssertionError);
        grouped.sync();
        assertEquals(2, calls.get());
    }

    @Test
    void aLoneCallerSyncsOncePerCall() {
        AtomicInteger calls = new AtomicInteger();
        GroupedSync grouped = new GroupedSync(calls::incrementAndGet);
        grouped.sync();
        grouped.sync();
        assertEquals(2, calls.get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
