package io.floe.api.dashboard;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.control.UnsupportedControlPlane;
import io.floe.api.json.Json;
import io.floe.api.node.NodeHealth;
import io.floe.metrics.FloeMetrics;
import io.floe.metrics.MetricNames;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard over real HTTP: the page, and the state reading the member's registry and the nodes' health. */
class DashboardRoutesTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final StorageNodeInfo NODE = new StorageNodeInfo(new NodeId("node-1"), "http://127.0.0.1:9",
            Ed25519PublicKey.of(new byte[32]), 1_000);

    private final ActorTestKit testKit = ActorTestKit.create("dashboard-routes");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger healthAsked = new AtomicInteger();
    private ServerBinding binding;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        EpochCommittees epochs = EpochCommittees.genesis(new Committee(new Epoch(1), List.of(NODE),
                List.of(NODE.id(), NODE.id())), Instant.now(), Duration.ofMinutes(1));
        Dashboard dashboard = new Dashboard(testKit.system(), new UnsupportedControlPlane() {
            @Override
            public CompletionStage<EpochCommittees> epochs() {
                return CompletableFuture.completedFuture(epochs);
            }
        }, ClusterView.of(node -> true), this::health);
        binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(concat(
                path(ApiPaths.DASHBOARD, dashboard::page),
                pathPrefix(ApiPaths.V1, () -> path(ApiPaths.DASHBOARD, dashboard::state))))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        gateway = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        testKit.shutdownTestKit();
    }

    @Test
    void servesASelfContainedPageThatPollsTheState() throws Exception {
        HttpResponse<String> page = get(ApiPaths.CLIENT_DASHBOARD);

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        String html = page.body();
        assertTrue(html.contains("'" + ApiPaths.CLIENT_DASHBOARD_STATE + "'"), "the page polls the state path");
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import")
                && !html.contains(".innerHTML"), "no external script, style or font; no HTML built from data");
    }

    @Test
    void stateShowsTheGatewayCountersAndTheNodesHealthOnceWatched() throws Exception {
        MeterRegistry registry = FloeMetrics.get(testKit.system()).registry();
        registry.counter(MetricNames.GATEWAY_STORES, "outcome", "newly_created").increment(3);
        registry.counter(MetricNames.GATEWAY_STORES, "outcome", "failed").increment();
        // Stores of blobs already certified: stores, but no new blobs.
        registry.counter(MetricNames.GATEWAY_STORES, "outcome", "already_certified").increment(2);
        registry.counter(MetricNames.GATEWAY_STORED_BYTES).increment(3_000);
        registry.counter(MetricNames.GATEWAY_READS, "outcome", "ok").increment(2);

        JsonNode state = await(s -> s.path("totals").path("blobsStored").asLong() == 3
                && s.path("nodes").path(0).has("health"));

        assertEquals(1, state.path("totals").path("storesFailed").asLong());
        assertEquals(5, state.path("totals").path("stores").asLong(), "new blobs and re-stores");
        assertEquals(3_000, state.path("totals").path("bytesStored").asLong());
        assertEquals(2, state.path("totals").path("reads").asLong());
        assertEquals("up", state.path("nodes").path(0).path("state").asText());
        assertEquals(4, state.path("nodes").path(0).path("health").path("sliversRebuilt").asLong());
        assertEquals(4, state.path("recovery").path("sliversRebuilt").asLong());
        assertTrue(healthAsked.get() >= 1);
    }

    private CompletionStage<NodeHealth> health(StorageNodeInfo node) {
        healthAsked.incrementAndGet();
        return CompletableFuture.completedFuture(new NodeHealth(Duration.ofSeconds(1), new Epoch(1), node.publicKey(),
                node.id(), NodeHealth.ACTIVE, List.of(), List.of(),
                new NodeHealth.Recovery(4, 40, 40, 0, 0, 0, 0, 0, 0)));
    }

    /** The state, polled as the page does, until {@code done} holds (bounded). */
    private JsonNode await(Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + BOUND.toNanos();
        JsonNode state;
        do {
            HttpResponse<String> answer = get(ApiPaths.CLIENT_DASHBOARD_STATE);
            assertEquals(200, answer.statusCode(), answer::body);
            state = Json.parse(answer.body().getBytes(StandardCharsets.UTF_8));
            if (done.test(state)) {
                return state;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the dashboard state did not show the counters and health within " + BOUND + ": "
                + state);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
