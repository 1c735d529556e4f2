package io.floe.multijvm;

import io.floe.encoding.metadata.BlobId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady store and read load on the gateway that records when each request started and how long it took, so a
 * test can compare the latency of requests that overlapped a fault with the usual one. {@code writers} threads store
 * fresh random blobs of 1 to 64 KB; one thread reads the given blobs round-robin and checks their bytes.
 *
 * <p>Invariant: every request is recorded once, with its status (-1 when the request itself failed, -2 when a read
 * returned other bytes); {@link #stop} returns only when every thread has finished its current request.
 */
public final class LatencyLoad {
    /** One request: a store or a read, when it started (nanoTime), how long it took, and its status. */
    public record Op(String kind, long startNanos, long millis, int status, String detail) {
        public long endNanos() {
            return startNanos + millis * 1_000_000;
        }

        /** Whether the request was running at some time in {@code [from, to]} (nanoTime). */
        public boolean overlaps(long from, long to) {
            return startNanos <= to && endNanos() >= from;
        }

        @Override
        public String toString() {
            return kind + " -> " + status + " in " + millis + " ms" + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private final Gateway gateway;
    private final List<Map.Entry<BlobId, byte[]>> readable;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService threads;
    private final List<Future<List<Op>>> running = new ArrayList<>();

    private LatencyLoad(Gateway gateway, Map<BlobId, byte[]> readable, int writers) {
        this.gateway = gateway;
        this.readable = List.copyOf(readable.entrySet());
        this.threads = Executors.newFixedThreadPool(writers + 1);
    }

    /** Starts {@code writers} store threads and one read thread over {@code readable} (which must not be empty). */
    public static LatencyLoad start(Gateway gateway, Map<BlobId, byte[]> readable, int writers, long seed) {
        LatencyLoad load = new LatencyLoad(gateway, readable, writers);
        for (int w = 0; w < writers; w++) {
            long own = seed * 100 + w;
            load.running.add(load.threads.submit(() -> load.stores(own)));
        }
        load.running.add(load.threads.submit(load::reads));
        return load;
    }

    private List<Op> stores(long seed) {
        List<Op> done = new ArrayList<>();
        for (long k = 0; !stopped.get(); k++) {
            byte[] blob = Blobs.random(seed * 1_000_003 + k, 1_000 + (int) Math.floorMod(seed * 31 + k * 7919, 63_000L));
            long start = System.nanoTime();
            done.add(timed("PUT " + blob.length, start, () -> gateway.put(blob, ""), r -> r.status()));
        }
        return done;
    }

    private List<Op> reads() {
        List<Op> done = new ArrayList<>();
        for (int k = 0; !stopped.get(); k++) {
            Map.Entry<BlobId, byte[]> blob = readable.get(k % readable.size());
            long start = System.nanoTime();
            done.add(timed("GET " + blob.getKey(), start, () -> gateway.read(blob.getKey()),
                    r -> r.status() != 200 || java.util.Arrays.equals(blob.getValue(), r.body()) ? r.status() : -2));
        }
        return done;
    }

    private static Op timed(String kind, long start, java.util.function.Supplier<Http.Response> request,
                            java.util.function.ToIntFunction<Http.Response> status) {
        try {
            Http.Response r = request.get();
            int s = status.applyAsInt(r);
            return new Op(kind, start, (System.nanoTime() - start) / 1_000_000, s, s == 200 ? "" : r.excerpt());
        } catch (RuntimeException e) {
            return new Op(kind, start, (System.nanoTime() - start) / 1_000_000, -1, e.toString());
        }
    }

    /** Stops every thread after its current request and returns every request made, in order of start. */
    public List<Op> stop() {
        stopped.set(true);
        List<Op> all = new ArrayList<>();
        try {
            for (Future<List<Op>> thread : running) {
                all.addAll(thread.get(Gateway.TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            throw new AssertionError("a load thread failed or hung: " + e, e);
        } finally {
            threads.shutdownNow();
        }
        all.sort(Comparator.comparingLong(Op::startNanos));
        return all;
    }

    /** The {@code q}-quantile (0..1) of the latency of {@code ops}, in ms; empty when there are none. */
    public static Optional<Long> quantileMillis(List<Op> ops, double q) {
        List<Long> sorted = ops.stream().map(Op::millis).sorted().toList();
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))));
    }
}
