package io.floe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /metrics over real HTTP from a management server started with this module's reference.conf. */
class MetricsRouteTest {
    private ActorTestKit testKit;

    @AfterEach
    void stop() {
        if (testKit != null) {
            testKit.shutdownTestKit();
        }
    }

    @Test
    void servesTheMembersSeriesAndTheJvmsInPrometheusTextFormat() throws Exception {
        int port = freePort();
        testKit = ActorTestKit.create("metrics-route", ConfigFactory.parseString(
                "pekko.management.http.hostname = \"127.0.0.1\"\npekko.management.http.port = " + port)
                .withFallback(ConfigFactory.load()));
        FloeMetrics.get(testKit.system()).registry().counter(MetricNames.GATEWAY_STORES, "outcome", "failed")
                .increment();
        PekkoManagement.get(Adapter.toClassic(testKit.system())).start().toCompletableFuture().get(30, TimeUnit.SECONDS);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String body = response.body();
        assertTrue(body.contains("floe_gateway_stores_total{outcome=\"failed\"} 1.0"), body);
        assertTrue(body.contains("jvm_memory_used_bytes"), "JVM memory series");
        assertTrue(body.contains("jvm_gc_"), "GC series");
        assertTrue(body.contains("process_uptime_seconds"), "process series");
    }

    @Test
    void latencyTimersAreExportedAsHistogramsWithFixedBuckets() {
        testKit = ActorTestKit.create("metrics-latency");
        FloeMetrics metrics = FloeMetrics.get(testKit.system());
        FloeMetrics.latency("floe.test.phase").tag("phase", "encode").register(metrics.registry())
                .record(Duration.ofMillis(30));
        String body = metrics.scrape();
        assertTrue(body.contains("floe_test_phase_seconds_bucket{phase=\"encode\",le=\"0.025\"} 0"), body);
        assertTrue(body.contains("floe_test_phase_seconds_bucket{phase=\"encode\",le=\"0.05\"} 1"), body);
        assertTrue(body.contains("floe_test_phase_seconds_count{phase=\"encode\"} 1"), body);
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
