package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.control.ControlPlaneException;
import io.floe.metrics.FloeMetrics;
import io.floe.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gateway's store and read series, recorded by a real writer and by the read recorder into real registries. */
class GatewayMetricsTest {

    @Test
    void aWriterCountsEachStoreByOutcomeAndTimesItsPhases() throws Exception {
        try (BlobWriterFixture fixture = new BlobWriterFixture("gateway-metrics-store")) {
            byte[] data = new byte[20_000];
            new Random(7).nextBytes(data);
            fixture.control.certification = (committee, confirmations) -> CompletableFuture.failedFuture(
                    new ControlPlaneException.Unavailable("the Blob entity is moving", null));
            assertThrows(ExecutionException.class, () -> store(fixture, data));
            fixture.control.certification = (committee, confirmations) -> CompletableFuture.completedFuture(null);
            store(fixture, data);
            store(fixture, data);

            MeterRegistry registry = FloeMetrics.get(fixture.system()).registry();
            assertEquals(1, stores(registry, "failed"));
            assertEquals(1, stores(registry, "newly_created"));
            assertEquals(1, stores(registry, "already_certified"));
            assertEquals(data.length, registry.get(MetricNames.GATEWAY_STORED_BYTES).counter().count(),
                    "only the store that uploaded counts the bytes");
            for (String phase : List.of("encode", "register", "upload", "confirmations", "certify")) {
                assertTrue(registry.get(GatewayMetrics.STORE_PHASE).tag("phase", phase).timer().count() > 0, phase);
            }
            assertTrue(FloeMetrics.get(fixture.system()).scrape()
                    .contains("floe_gateway_store_phase_seconds_bucket{phase=\"encode\""));
        }
    }

    @Test
    void readsAreCountedByOutcomeWithTheBytesServed() {
        MeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        metrics.read(CompletableFuture.completedFuture(new byte[42]));
        metrics.read(CompletableFuture.failedFuture(new BlobNotFoundException("no metadata")));
        metrics.read(CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("too few slivers");
        })).exceptionally(e -> null).join();
        metrics.timedRead("metadata", () -> CompletableFuture.failedFuture(new IllegalStateException("down")));

        assertEquals(1, registry.get(MetricNames.GATEWAY_READS).tag("outcome", "ok").counter().count());
        assertEquals(1, registry.get(MetricNames.GATEWAY_READS).tag("outcome", "not_found").counter().count());
        assertEquals(1, registry.get(MetricNames.GATEWAY_READS).tag("outcome", "failed").counter().count());
        assertEquals(42, registry.get(MetricNames.GATEWAY_SERVED_BYTES).counter().count());
        assertEquals(1, registry.get(GatewayMetrics.READ_PHASE).tag("phase", "metadata").timer().count(),
                "a failed phase is timed too");
    }

    private static double stores(MeterRegistry registry, String outcome) {
        return registry.get(MetricNames.GATEWAY_STORES).tag("outcome", outcome).counter().count();
    }

    private static StoreOutcome store(BlobWriterFixture fixture, byte[] data) throws Exception {
        return fixture.writer.store(data, new StoreParameters(1, false, false)).toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
    }
}
