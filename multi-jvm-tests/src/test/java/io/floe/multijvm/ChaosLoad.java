package io.floe.multijvm;

import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chaos run's workload: writer threads store fresh random blobs of 1-64 KiB and readers read back random
 * acknowledged ones, through the gateway, until {@link #stop}. It counts stores and reads and keeps every
 * acknowledged blob; the only failures are answers no client may see: a 200 read with other bytes than were stored,
 * or a 404 for a blob the gateway acknowledged. A store or read that is refused (503) or times out is counted, not a
 * failure. {@link StallClock}s keep the longest time without a successful store and without a successful read.
 *
 * <p>Invariant: {@link #acknowledged} holds exactly the blobs some store answered 200 for, with their bytes.
 */
final class ChaosLoad implements AutoCloseable {
    private static final int MAX_BLOB = 64 * 1024;
    /** A client's patience: longer than any stall the run may meet, shorter than the run's own bounds. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Gateway gateway;
    private final long seed;
    private final ExecutorService threads;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Map<BlobId, byte[]> acknowledged = new ConcurrentHashMap<>();
    private final List<BlobId> ids = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    final AtomicLong storesAttempted = new AtomicLong();
    final AtomicLong storesOk = new AtomicLong();
    final AtomicLong readsAttempted = new AtomicLong();
    final AtomicLong readsOk = new AtomicLong();
    final StallClock storeStalls = new StallClock();
    final StallClock readStalls = new StallClock();

    private ChaosLoad(Gateway gateway, long seed, int writers, int readers) {
        this.gateway = gateway;
        this.seed = seed;
        this.threads = Executors.newFixedThreadPool(writers + readers);
    }

    /** Starts {@code writers} storing and {@code readers} reading threads. */
    static ChaosLoad start(Gateway gateway, long seed, int writers, int readers) {
        ChaosLoad load = new ChaosLoad(gateway, seed, writers, readers);
        for (int w = 0; w < writers; w++) {
            Random random = new Random(seed * 31 + w);
            load.threads.submit(() -> load.loop(() -> load.storeOne(random)));
        }
        for (int r = 0; r < readers; r++) {
            Random random = new Random(seed * 37 + 1_000 + r);
            load.threads.submit(() -> load.loop(() -> load.readOne(random)));
        }
        return load;
    }

    private void loop(Runnable step) {
        while (!stopped.get()) {
            try {
                step.run();
            } catch (RuntimeException broken) {
                // A connection refused or reset, or a timeout: what a client sees while a member dies. Counted above.
            }
        }
    }

    private void storeOne(Random random) {
        byte[] blob = Blobs.random(random.nextLong(), 1 + random.nextInt(MAX_BLOB));
        storesAttempted.incrementAndGet();
        Http.Response r = Http.put(gateway.url() + "/v1/blobs", blob, REQUEST_TIMEOUT);
        if (r.status() == 200) {
            BlobId id = Gateway.answer(r.json()).blobId();
            if (acknowledged.putIfAbsent(id, blob) == null) {
                ids.add(id);
            }
            storesOk.incrementAndGet();
            storeStalls.succeeded();
        }
    }

    private void readOne(Random random) {
        if (ids.isEmpty()) {
            pause();
            return;
        }
        BlobId id = ids.get(random.nextInt(ids.size()));
        readsAttempted.incrementAndGet();
        Http.Response r = Http.get(gateway.url() + "/v1/blobs/" + id, REQUEST_TIMEOUT);
        if (r.status() == 200 && Arrays.equals(r.body(), acknowledged.get(id))) {
            readsOk.incrementAndGet();
            readStalls.succeeded();
        } else if (r.status() == 200) {
            failures.add("GET " + id + " answered other bytes than were stored (" + r.body().length + " bytes)");
        } else if (r.status() == 404) {
            failures.add("GET " + id + " answered 404 for an acknowledged blob: " + r.excerpt());
        }
    }

    private void pause() {
        try {
            Thread.sleep(100); // nothing to read yet: the writers have not been acknowledged once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
        }
    }

    /** Stops every thread after its current request (each is bounded by {@link #REQUEST_TIMEOUT}). */
    void stop() throws InterruptedException {
        stopped.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
            threads.shutdownNow();
            throw new AssertionError("a chaos client did not finish its request in " + REQUEST_TIMEOUT);
        }
        storeStalls.end();
        readStalls.end();
    }

    /** Every blob a store was answered 200 for, with its bytes. */
    Map<BlobId, byte[]> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** What no client may see, met during the run. */
    List<String> failures() {
        return new ArrayList<>(failures);
    }

    @Override
    public void close() {
        stopped.set(true);
        threads.shutdownNow();
    }

    /**
     * The longest time without a success, from the start of the run to its {@link #end}: a success ends the gap since
     * the one before.
     */
    static final class StallClock {
        private final long started = System.nanoTime();
        private long last = started;
        private long longest;

        synchronized void succeeded() {
            long now = System.nanoTime();
            longest = Math.max(longest, now - last);
            last = now;
        }

        synchronized void end() {
            longest = Math.max(longest, System.nanoTime() - last);
        }

        synchronized Duration longest() {
            return Duration.ofNanos(longest);
        }
    }
}
