package io.floe.api.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floe.api.json.ApiErrors;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS as Walrus's tower-http layers answer it: any OPTIONS is a preflight answered before the routes (the gateway's
 * with a one-day max-age, the node's without), and every other answer, errors included, allows any origin.
 */
class CorsTest {
    private static final ActorTestKit KIT = ActorTestKit.create("cors");
    private static ServerBinding binding;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        Route routes = concat(
                pathPrefix("gateway", () -> Cors.gateway(CorsTest::blob)),
                pathPrefix("node", () -> Cors.storageNode(CorsTest::blob)));
        binding = Http.get(KIT.system()).newServerAt("127.0.0.1", 0).bind(routes)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    /** As the APIs wire it: errors (a rejection, here) answered inside the CORS layer. */
    private static Route blob() {
        return ApiErrors.handled(() -> concat(path("blob", () -> get(() -> complete("bytes"))),
                path("varying", () -> get(() -> complete(
                        org.apache.pekko.http.javadsl.model.HttpResponse.create()
                        .addHeader(RawHeader.create("Vary", "Accept, Content-Type")))))));
    }

    @AfterAll
    static void stop() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        KIT.shutdownTestKit();
    }

    @Test
    void aPreflightIsAnsweredBeforeTheRoutesWithTheGatewaysMaxAge() throws Exception {
        // No route answers OPTIONS (nor /nowhere): the preflight never reaches them.
        for (String path : new String[] {"/gateway/blob", "/gateway/nowhere"}) {
            HttpResponse<byte[]> answer = send("OPTIONS", path, "Origin", "http://127.0.0.1:1",
                    "Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization");
            assertEquals(200, answer.statusCode());
            assertEquals(0, answer.body().length);
            assertEquals("*", header(answer, "Access-Control-Allow-Origin"));
            assertEquals("*", header(answer, "Access-Control-Allow-Methods"));
            assertEquals("*", header(answer, "Access-Control-Allow-Headers"));
            assertEquals("86400", header(answer, "Access-Control-Max-Age"));
            assertEquals(Cors.VARY, header(answer, "Vary"));
        }
    }

    @Test
    void aVaryOfTheRouteIsMergedIntoTheCorsOne() throws Exception {
        HttpResponse<byte[]> read = send("GET", "/gateway/varying");
        assertEquals(java.util.List.of(Cors.VARY + ", Accept, Content-Type"), read.headers().allValues("Vary"));
    }

    @Test
    void theNodesPreflightHasNoMaxAge() throws Exception {
        HttpResponse<byte[]> answer = send("OPTIONS", "/node/blob", "Origin", "http://127.0.0.1:1",
                "Access-Control-Request-Method", "GET");
        assertEquals(200, answer.statusCode());
        assertEquals("*", header(answer, "Access-Control-Allow-Methods"));
        assertEquals(Optional.empty(), answer.headers().firstValue("Access-Control-Max-Age"));
    }

    @Test
    void everyOtherAnswerAllowsAnyOriginErrorsIncluded() throws Exception {
        for (String prefix : new String[] {"/gateway", "/node"}) {
            HttpResponse<byte[]> read = send("GET", prefix + "/blob", "Origin", "http://127.0.0.1:1");
            assertEquals("bytes", new String(read.body(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("*", header(read, "Access-Control-Allow-Origin"));
            assertEquals("*", header(read, "Access-Control-Expose-Headers"));
            assertEquals(Cors.VARY, header(read, "Vary"));
            assertEquals(Optional.empty(), read.headers().firstValue("Access-Control-Allow-Methods"));
            HttpResponse<byte[]> missing = send("GET", prefix + "/nowhere");
            assertEquals(404, missing.statusCode());
            assertEquals("*", header(missing, "Access-Control-Allow-Origin"));
        }
    }

    private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        return HttpCalls.send(base, method, path, headers);
    }

    private static String header(HttpResponse<?> answer, String name) {
        return HttpCalls.header(answer, name);
    }
}
