package io.floe.api.gateway;

import io.floe.metrics.FloeMetrics;
import io.floe.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The gateway's store and read series: how each ended ({@link MetricNames#GATEWAY_STORES},
 * {@link MetricNames#GATEWAY_READS}, tagged {@code outcome}), the blob bytes stored and served, and the time of each
 * phase of a store ({@code encode}, {@code register}, {@code upload} per node, {@code confirmations} until a quorum,
 * {@code certify}) and of a read ({@code metadata}, {@code slivers} (a streamed read's whole stream), {@code decode},
 * {@code rebuild} of a systematic sliver no holder served). Every store and read is counted
 * exactly once, when the stage the caller gets completes; the outcome values are a fixed set.
 */
final class GatewayMetrics {
    static final String STORE_PHASE = "floe.gateway.store.phase";
    static final String READ_PHASE = "floe.gateway.read.phase";

    private final MeterRegistry registry;
    private final Counter storedBytes;
    private final Counter servedBytes;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.storedBytes = Counter.builder(MetricNames.GATEWAY_STORED_BYTES).baseUnit("bytes")
                .description("Bytes of blobs this gateway uploaded and certified").register(registry);
        this.servedBytes = Counter.builder(MetricNames.GATEWAY_SERVED_BYTES).baseUnit("bytes")
                .description("Bytes of blobs (or byte ranges) this gateway read and served").register(registry);
    }

    /** Counts the store when {@code store} completes: its outcome, and the blob's bytes if this store uploaded them. */
    CompletionStage<StoreOutcome> store(long blobBytes, CompletionStage<StoreOutcome> store) {
        return store.whenComplete((outcome, error) -> {
            String label = error != null ? "failed"
                    : outcome instanceof StoreOutcome.NewlyCreated ? "newly_created" : "already_certified";
            counter(MetricNames.GATEWAY_STORES, "Blob stores this gateway finished", label).increment();
            if (outcome instanceof StoreOutcome.NewlyCreated) {
                storedBytes.increment(blobBytes);
            }
        });
    }

    /** Counts the read when {@code read} completes: not_found when no node had the metadata, the bytes served if ok. */
    CompletableFuture<byte[]> read(CompletableFuture<byte[]> read) {
        return read.whenComplete((bytes, error) -> countRead(error, bytes == null ? 0 : bytes.length));
    }

    /**
     * A streamed read, counted when its stream ends (a cut stream is a failed read, with the bytes it did serve) and
     * timed as the {@code slivers} phase; a stream never run is not counted (a {@code HEAD} builds none: it answers
     * from the metadata), and each chunk of a chunked blob's read is a stream of its own.
     */
    Source<ByteString, NotUsed> read(Supplier<Source<ByteString, NotUsed>> stream) {
        return Source.lazySource(() -> {
            long start = System.nanoTime();
            AtomicLong bytes = new AtomicLong();
            return stream.get().map(b -> {
                bytes.addAndGet(b.size());
                return b;
            }).watchTermination((notUsed, done) -> done.whenComplete((ok, error) -> {
                readPhase("slivers", start);
                countRead(error, bytes.get());
            }));
        }).mapMaterializedValue(m -> NotUsed.getInstance());
    }

    /** Counts a read that failed before any byte was served (its metadata or its manifest, say). */
    void readFailed(Throwable error) {
        countRead(error, 0);
    }

    private void countRead(Throwable error, long bytes) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String label = cause == null ? "ok" : cause instanceof BlobNotFoundException ? "not_found" : "failed";
        counter(MetricNames.GATEWAY_READS, "Blob reads (whole or ranges) this gateway answered", label).increment();
        servedBytes.increment(bytes);
    }

    /** Records the time since {@code startNanos} of the store phase {@code phase}. */
    void storePhase(String phase, long startNanos) {
        phase(STORE_PHASE, "Time of each phase of the gateway's stores", phase, startNanos);
    }

    /** Records the time since {@code startNanos} of the read phase {@code phase}. */
    void readPhase(String phase, long startNanos) {
        phase(READ_PHASE, "Time of each phase of the gateway's reads", phase, startNanos);
    }

    /** Starts {@code stage}; the time until it completes (successfully or not) is recorded as store phase {@code phase}. */
    <T> CompletableFuture<T> timedStore(String phase, Supplier<? extends CompletionStage<T>> stage) {
        long start = System.nanoTime();
        return stage.get().toCompletableFuture().whenComplete((value, error) -> storePhase(phase, start));
    }

    /** As {@link #timedStore}, for a read phase. */
    <T> CompletableFuture<T> timedRead(String phase, Supplier<? extends CompletionStage<T>> stage) {
        long start = System.nanoTime();
        return stage.get().toCompletableFuture().whenComplete((value, error) -> readPhase(phase, start));
    }

    private void phase(String name, String description, String phase, long startNanos) {
        FloeMetrics.latency(name).description(description).tag("phase", phase).register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String name, String description, String outcome) {
        return Counter.builder(name).description(description).tag("outcome", outcome).register(registry);
    }
}
