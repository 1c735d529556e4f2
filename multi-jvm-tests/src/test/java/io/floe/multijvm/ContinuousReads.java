package io.floe.multijvm;

import io.floe.encoding.metadata.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads that run through the gateway in background threads while a test breaks the network: each thread reads the
 * blobs in turn, whole, as a {@code Range} and as a {@code /byte-range}, and records every read with its start and end
 * time and whether it returned the exact expected bytes. Runs until {@link #stop} (which also bounds it) or
 * {@code maxDuration}, whichever comes first.
 */
public final class ContinuousReads implements AutoCloseable {
    /** One read: what was asked, when, and what came back. */
    public record Read(String what, long startNanos, long endNanos, int status, boolean exact, String detail) {
        public boolean spans(long nanos) {
            return startNanos < nanos && endNanos > nanos;
        }

        @Override
        public String toString() {
            return what + " -> HTTP " + status + (exact ? " exact" : " WRONG: " + detail) + " ("
                    + (endNanos - startNanos) / 1_000_000 + " ms)";
        }
    }

    private final Gateway gateway;
    private final List<Map.Entry<BlobId, byte[]>> blobs;
    private final ExecutorService threads;
    private final List<Future<List<Read>>> running = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong completed = new java.util.concurrent.atomic.AtomicLong();
    private final long deadline;

    private ContinuousReads(Gateway gateway, Map<BlobId, byte[]> blobs, int threadCount, Duration maxDuration) {
        this.gateway = gateway;
        this.blobs = List.copyOf(blobs.entrySet());
        this.threads = Executors.newFixedThreadPool(threadCount);
        this.deadline = System.nanoTime() + maxDuration.toNanos();
    }

    public static ContinuousReads start(Gateway gateway, Map<BlobId, byte[]> blobs, int threads, Duration maxDuration) {
        ContinuousReads reads = new ContinuousReads(gateway, blobs, threads, maxDuration);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            reads.running.add(reads.threads.submit(() -> reads.loop(offset)));
        }
        return reads;
    }

    private List<Read> loop(int offset) {
        List<Read> done = new ArrayList<>();
        for (int k = offset; !stopped.get() && System.nanoTime() < deadline; k++) {
            Map.Entry<BlobId, byte[]> blob = blobs.get(k % blobs.size());
            done.add(readOnce(blob.getKey(), blob.getValue(), (k / blobs.size()) % 3));
            completed.incrementAndGet();
        }
        return done;
    }

    /** Kind 0 reads the whole blob, 1 its middle third as a Range, 2 its second half through /byte-range. */
    private Read readOnce(BlobId id, byte[] blob, int kind) {
        int from = kind == 1 ? blob.length / 3 : kind == 2 ? blob.length / 2 : 0;
        int to = kind == 1 ? Math.max(from + 1, 2 * blob.length / 3) : blob.length;
        long start = System.nanoTime();
        String what = kind == 0 ? "GET " + id : kind == 1 ? "GET " + id + " bytes=" + from + "-" + (to - 1)
                : "GET " + id + "/byte-range?start=" + from;
        try {
            Http.Response r = kind == 0 ? gateway.read(id) : kind == 1
                    ? gateway.readRange(id, "bytes=" + from + "-" + (to - 1)) : gateway.byteRange(id, from, to - from);
            byte[] want = Arrays.copyOfRange(blob, from, to);
            int ok = kind == 1 ? 206 : 200;
            boolean exact = r.status() == ok && Arrays.equals(want, r.body());
            return new Read(what, start, System.nanoTime(), r.status(), exact, exact ? "" : r.excerpt());
        } catch (RuntimeException e) {
            return new Read(what, start, System.nanoTime(), -1, false, e.toString());
        }
    }

    /** How many reads have finished so far. */
    public long completed() {
        return completed.get();
    }

    /** Stops the threads after their current read and returns every read they made. */
    public List<Read> stop() {
        stopped.set(true);
        List<Read> all = new ArrayList<>();
        for (Future<List<Read>> f : running) {
            try {
                all.addAll(f.get(Gateway.TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError("a reader thread failed or hung: " + e, e);
            }
        }
        threads.shutdownNow();
        return all;
    }

    @Override
    public void close() {
        stopped.set(true);
        threads.shutdownNow();
    }
}
