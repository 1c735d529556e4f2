package io.floe.api.gateway;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floe.api.http.HttpCalls;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walrus's serving headers on a real server: what a 200 carries, when a 304 is answered (and that it reads nothing),
 * HEAD, the mirrored Content-Type, and that errors carry no caching headers.
 */
class BlobServingTest {
    private static final String TAG = "tagOfBlob";
    private static final byte[] BYTES = {1, 2, 3, 4, 5, 6, 7};
    private static final ActorTestKit KIT = ActorTestKit.create("blob-serving");
    private static final AtomicInteger READS = new AtomicInteger();
    private static ServerBinding binding;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        Route routes = concat(
                path("blob", () -> BlobServing.serve(TAG, BlobServingTest::read)),
                path("gone", () -> BlobServing.serve(TAG,
                        () -> CompletableFuture.failedFuture(new IllegalStateException("deleted")),
                        () -> { READS.incrementAndGet(); return complete(StatusCodes.NOT_FOUND, "gone"); })));
        binding = Http.get(KIT.system()).newServerAt("127.0.0.1", 0).bind(routes)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    private static Route read() {
        READS.incrementAndGet();
        return complete(org.apache.pekko.http.javadsl.model.HttpResponse.create()
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, BYTES)));
    }

    @AfterAll
    static void stop() throws Exception {
        binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        KIT.shutdownTestKit();
    }

    @BeforeEach
    void resetReads() {
        READS.set(0);
    }

    @Test
    void servesTheBytesWithWalrusHeaders() throws Exception {
        HttpResponse<byte[]> answer = send("GET", "/blob");
        assertEquals(200, answer.statusCode());
        assertEquals(java.util.List.of((byte) 1, (byte) 7), java.util.List.of(answer.body()[0], answer.body()[6]));
        assertEquals(TAG, header(answer, "ETag"));
        assertEquals("public, max-age=86400, stale-while-revalidate=3600", header(answer, "Cache-Control"));
        assertEquals("nosniff", header(answer, "X-Content-Type-Options"));
        assertEquals("bytes", header(answer, "Accept-Ranges"));
        assertEquals("application/octet-stream", header(answer, "Content-Type"));
        assertEquals(BlobServing.VARY, header(answer, "Vary"));
        assertEquals(BlobServing.VARY, header(send("GET", "/blob", "If-None-Match", TAG), "Vary"));
    }

    @Test
    void aMatchingIfNoneMatchAnswers304WithoutReading() throws Exception {
        for (String tag : new String[] {TAG, "\"" + TAG + "\"", "other, W/\"" + TAG + "\"", "*"}) {
            HttpResponse<byte[]> answer = send("GET", "/blob", "If-None-Match", tag);
            assertEquals(304, answer.statusCode(), tag);
            assertEquals(TAG, header(answer, "ETag"));
            assertEquals(BlobServing.CACHE_CONTROL, header(answer, "Cache-Control"));
            assertEquals(0, answer.body().length);
        }
        assertEquals(304, send("HEAD", "/blob", "If-None-Match", TAG).statusCode());
        assertEquals(0, READS.get());
        assertEquals(200, send("GET", "/blob", "If-None-Match", "\"otherTag\"").statusCode());
        assertEquals(1, READS.get());
    }

    @Test
    void aResourceNoLongerServableIsAnsweredByTheInnerRouteNot304() throws Exception {
        HttpResponse<byte[]> answer = send("GET", "/gone", "If-None-Match", TAG);
        assertEquals(404, answer.statusCode());
        assertEquals(1, READS.get());
        // An error is never cached for a day.
        assertEquals(Optional.empty(), answer.headers().firstValue("Cache-Control"));
        assertEquals(Optional.empty(), answer.headers().firstValue("ETag"));
    }

    @Test
    void headAnswersTheSameHeadersWithoutABody() throws Exception {
        HttpResponse<byte[]> answer = send("HEAD", "/blob");
        assertEquals(200, answer.statusCode());
        assertEquals(0, answer.body().length);
        assertEquals(String.valueOf(BYTES.length), header(answer, "Content-Length"));
        assertEquals(TAG, header(answer, "ETag"));
        assertEquals("nosniff", header(answer, "X-Content-Type-Options"));
        assertEquals(405, send("POST", "/blob").statusCode());
    }

    @Test
    void theContentTypeIsMirroredFromTheRequestAsWalrusDoes() throws Exception {
        assertEquals("image/png", header(send("GET", "/blob", "Accept", "image/png"), "Content-Type"));
        assertEquals("image/png", header(send("HEAD", "/blob", "Accept", "image/png"), "Content-Type"));
        // A wildcard Accept (every browser's) leaves the type alone, and so does a list (no one media type).
        assertEquals("application/octet-stream", header(send("GET", "/blob", "Accept", "image/*"), "Content-Type"));
        assertEquals("application/octet-stream",
                header(send("GET", "/blob", "Accept", "image/png, text/html"), "Content-Type"));
        // Without a usable Accept, a GET's own Content-Type is mirrored (not a HEAD's).
        assertEquals("text/html", header(send("GET", "/blob", "Content-Type", "text/html"), "Content-Type"));
        assertEquals("application/octet-stream",
                header(send("HEAD", "/blob", "Content-Type", "text/html"), "Content-Type"));
        assertEquals("image/png",
                header(send("GET", "/blob", "Accept", "image/png", "Content-Type", "text/html"), "Content-Type"));
    }

    @Test
    void ifNoneMatchComparisonIsWeakAndUnquoted() {
        assertTrue(BlobServing.matches(" a , b ", "b"));
        assertTrue(BlobServing.matches("W/\"b\"", "b"));
        assertEquals(false, BlobServing.matches("\"ab\"", "b"));
        assertEquals(false, BlobServing.matches("", "b"));
    }

    private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        return HttpCalls.send(base, method, path, headers);
    }

    private static String header(HttpResponse<?> answer, String name) {
        return HttpCalls.header(answer, name);
    }
}
