package io.floe.api.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.ServerBindings;
import io.floe.metrics.FloeMetrics;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The route metrics of a real binding: templates, not raw paths; statuses of rejections and failures too. */
class RouteMetricsTest {
    private final ActorTestKit testKit = ActorTestKit.create("route-metrics");
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        testKit.shutdownTestKit();
    }

    private static Route routes() {
        return pathPrefix("v1", () -> pathPrefix("blobs", () -> concat(
                path(PathMatchers.segment("by-object-id").slash(PathMatchers.segment()), id -> get(() ->
                        complete(StatusCodes.NOT_FOUND, "no object"))),
                path(PathMatchers.segment(), id -> get(() -> {
                    if (id.equals("boom")) {
                        throw new IllegalStateException("a failing route");
                    }
                    return complete("blob " + id);
                })))));
    }

    @Test
    void timesRequestsByRouteTemplateAndStatus() throws Exception {
        ServerBinding binding = ServerBindings.bind(testKit.system(), "127.0.0.1", 0, routes(), "client API");
        int port = binding.localAddress().getPort();
        assertEquals(200, status(port, "/v1/blobs/AAAA"));
        assertEquals(200, status(port, "/v1/blobs/BBBB"));
        assertEquals(404, status(port, "/v1/blobs/by-object-id/0x12"));
        assertEquals(500, status(port, "/v1/blobs/boom"));
        assertEquals(404, status(port, "/wp-admin/login.php"));

        assertEquals(2, timer("GET", "/v1/blobs/{blobId}", "200").count());
        assertEquals(1, timer("GET", "/v1/blobs/by-object-id/{objectId}", "404").count());
        assertEquals(1, timer("GET", "/v1/blobs/{blobId}", "500").count());
        assertEquals(1, timer("GET", RouteTemplates.OTHER, "404").count());
        String scrape = FloeMetrics.get(testKit.system()).scrape();
        assertTrue(scrape.contains("floe_http_server_requests_seconds_bucket{api=\"client\",method=\"GET\","
                + "route=\"/v1/blobs/{blobId}\",status=\"200\",le=\"1.0\"} 2"), scrape);
        assertFalse(scrape.contains("AAAA"), "no raw path in a label");
    }

    @Test
    void namesPathsByTheMostLiteralTemplate() {
        RouteTemplates templates = RouteTemplates.floe();
        assertEquals("/v1/blobs/{blobId}/slivers/{sliverPairIndex}/{sliverType}",
                templates.templateOf(java.util.List.of("v1", "blobs", "X", "slivers", "3", "primary")));
        assertEquals("/v1/blobs/{blobId}/slivers/{sliverType}",
                templates.templateOf(java.util.List.of("v1", "blobs", "X", "slivers", "primary")));
        assertEquals("/v1/blobs/by-quilt-patch-id/{quiltPatchId}",
                templates.templateOf(java.util.List.of("v1", "blobs", "by-quilt-patch-id", "P")));
        assertEquals("/v1/blobs/{blobId}/status", templates.templateOf(java.util.List.of("v1", "blobs", "X", "status")));
        assertEquals("/v1/staking/stake", templates.templateOf(java.util.List.of("v1", "staking", "stake")));
        assertEquals(RouteTemplates.OTHER, templates.templateOf(java.util.List.of()));
        assertEquals("storage", RouteMetrics.apiLabel("storage API"));
    }

    private Timer timer(String method, String route, String status) {
        return FloeMetrics.get(testKit.system()).registry().get(RouteMetrics.REQUESTS)
                .tags("api", "client", "method", method, "route", route, "status", status).timer();
    }

    private int status(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
