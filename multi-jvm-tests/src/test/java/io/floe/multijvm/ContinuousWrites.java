package io.floe.multijvm;

import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores that run through the gateway in one background thread while a test changes the network: each store is a
 * fresh random blob of 1 to 200 KB, recorded with its HTTP status. Runs until {@link #stop} (which also bounds it) or
 * {@code maxDuration}, whichever comes first; {@link #stored} holds every blob the gateway answered 200 for, so a
 * test can read them all back later.
 */
public final class ContinuousWrites implements AutoCloseable {
    /** One store: its size, how long it took, and the status (-1 when the request itself failed). */
    public record Write(int size, long millis, int status, String detail) {
        public boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            return "PUT " + size + " bytes -> HTTP " + status + " (" + millis + " ms)" + (ok() ? "" : ": " + detail);
        }
    }

    private final Gateway gateway;
    private final long seed;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong completed = new AtomicLong();
    private final Map<BlobId, byte[]> stored = new LinkedHashMap<>();
    private final long deadline;
    private Future<List<Write>> running;

    private ContinuousWrites(Gateway gateway, long seed, Duration maxDuration) {
        this.gateway = gateway;
        this.seed = seed;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
    }

    public static ContinuousWrites start(Gateway gateway, long seed, Duration maxDuration) {
        ContinuousWrites writes = new ContinuousWrites(gateway, seed, maxDuration);
        writes.running = writes.thread.submit(writes::loop);
        return writes;
    }

    private List<Write> loop() {
        List<Write> done = new ArrayList<>();
        for (long k = 0; !stopped.get() && System.nanoTime() < deadline; k++) {
            byte[] blob = Blobs.random(seed * 1_000_003 + k, 1_000 + (int) Math.floorMod(seed * 31 + k * 7919, 199_000L));
            long start = System.nanoTime();
            Write w;
            try {
                Http.Response r = gateway.put(blob, "epochs=max");
                w = new Write(blob.length, (System.nanoTime() - start) / 1_000_000, r.status(),
                        r.status() == 200 ? "" : r.excerpt());
                if (r.status() == 200) {
                    synchronized (stored) {
                        stored.put(Gateway.answer(r.json()).blobId(), blob);
                    }
                }
            } catch (RuntimeException e) {
                w = new Write(blob.length, (System.nanoTime() - start) / 1_000_000, -1, e.toString());
            }
            done.add(w);
            completed.incrementAndGet();
        }
        return done;
    }

    /** How many stores have finished so far. */
    public long completed() {
        return completed.get();
    }

    /** The blobs stored so far (a copy). */
    public Map<BlobId, byte[]> stored() {
        synchronized (stored) {
            return new LinkedHashMap<>(stored);
        }
    }

    /** Stops the thread after its current store and returns every store it made. */
    public List<Write> stop() {
        stopped.set(true);
        try {
            return running.get(Gateway.TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the writer thread failed or hung: " + e, e);
        } finally {
            thread.shutdownNow();
        }
    }

    @Override
    public void close() {
        stopped.set(true);
        thread.shutdownNow();
    }
}
