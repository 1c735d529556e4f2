package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.ApiPaths;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.protocol.committee.Committee;
import io.floe.protocol.committee.Epoch;
import io.floe.protocol.committee.EpochCommittees;
import io.floe.protocol.committee.NodeId;
import io.floe.protocol.committee.StorageNodeInfo;
import io.floe.protocol.signing.Ed25519PublicKey;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/api}: the OpenAPI document lists every route the gateway serves, and the HTML page embeds it. Routes
 * are found by probing, not by trusting a list: every path template in {@link ApiPaths} and in the document is sent
 * with every method to a real gateway; whatever the gateway does not refuse as an unknown path (404
 * {@code NOT_FOUND}) or a wrong method (405) is served, and must be documented under that method.
 */
class OpenApiRoutesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "PATCH");
    private static final String BLOB_ID = "AUGjBRYQSLGUHBJ2OKGMV4zRQ9sQzn-77ELr6ruZZjs";
    private static final String ADDRESS = "0x" + "ab".repeat(32);

    private final ActorTestKit testKit = ActorTestKit.create("openapi-routes");
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestGateway server;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        StorageNodeInfo a = new StorageNodeInfo(new NodeId("a"), "http://127.0.0.1:9", Ed25519PublicKey.of(new byte[32]),
                1_000);
        StubControlPlane control = new StubControlPlane(EpochCommittees.genesis(
                new Committee(new Epoch(1), List.of(a), List.of(a.id(), a.id())), Instant.EPOCH, Duration.ofDays(1)));
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, 2);
        server = new TestGateway(testKit.system(), control, reader, http, cpu);
        gateway = server.url;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        testKit.shutdownTestKit();
        cpu.shutdownNow();
    }

    @Test
    void documentsEveryRouteTheGatewayServes() throws Exception {
        JsonNode document = Json.parse(send("GET", ApiPaths.CLIENT_API_SPEC, "application/json").body()
                .getBytes(StandardCharsets.UTF_8));
        Set<String> documented = documented(document);
        Set<String> served = new TreeSet<>();
        for (String template : candidates(document)) {
            for (String method : METHODS) {
                if (served(send(method, sample(template), null))) {
                    served.add(method + " " + normalized(template));
                }
            }
        }

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        assertEquals(Set.of(), undocumented, "served but missing from openapi.json");
        assertEquals(Set.of(), unserved, "documented but not served");
        assertTrue(served.size() >= 14, "the probe reached the routes: " + served);
    }

    @Test
    void servesASelfContainedPageEmbeddingTheDocument() throws Exception {
        HttpResponse<String> page = send("GET", ApiPaths.CLIENT_API_SPEC, "text/html,application/xhtml+xml,*/*;q=0.8");
        HttpResponse<String> json = send("GET", ApiPaths.CLIENT_API_SPEC, "application/json");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = page.body();
        String embedded = html.substring(html.indexOf("id=\"openapi\">") + "id=\"openapi\">".length(),
                html.indexOf("</script>", html.indexOf("id=\"openapi\">")));
        assertEquals(Json.parse(json.body().getBytes(StandardCharsets.UTF_8)),
                Json.parse(embedded.getBytes(StandardCharsets.UTF_8)), "the page embeds the OpenAPI document");
        assertTrue(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"),
                "no external script, style or font");
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    /** Every path template in ApiPaths (constants starting with "/") and in the document. */
    private static Set<String> candidates(JsonNode document) throws IllegalAccessException {
        Set<String> templates = new TreeSet<>();
        for (Field f : ApiPaths.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class
                    && ((String) f.get(null)).startsWith("/")) {
                templates.add((String) f.get(null));
            }
        }
        document.path("paths").fieldNames().forEachRemaining(templates::add);
        return templates;
    }

    private static Set<String> documented(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + normalized(path.getKey()))));
        return operations;
    }

    /** Parameter names differ between templates of one route ({blobId}, {blob_id}): compared without them. */
    private static String normalized(String template) {
        return template.replaceAll("\\{[^}]*}", "{}");
    }

    /** A concrete path: each parameter a well-formed value of its kind, so the route's own checks pass. */
    private static String sample(String template) {
        List<String> parts = new ArrayList<>();
        for (String segment : template.split("/", -1)) {
            String name = segment.toLowerCase(java.util.Locale.ROOT);
            if (!segment.startsWith("{")) {
                parts.add(segment);
            } else if (name.contains("object") || name.contains("address")) {
                parts.add(ADDRESS);
            } else if (name.contains("blob") || name.contains("quilt")) {
                parts.add(BLOB_ID);
            } else {
                parts.add("sample");
            }
        }
        return String.join("/", parts);
    }

    /** Not Pekko's "no such path" (404 NOT_FOUND) nor "wrong method" (405): a route took the request. */
    private static boolean served(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 405) {
            return false;
        }
        if (status != 404) {
            return true;
        }
        JsonNode error = Json.parse(response.body().getBytes(StandardCharsets.UTF_8)).path("error");
        JsonNode reason = error.path("details").path(0).path("reason");
        return !"NOT_FOUND".equals(reason.isMissingNode() ? error.path("code").asText() : reason.asText());
    }

    private HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
