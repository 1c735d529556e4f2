package io.floe.api.node;

import static io.floe.api.node.NodeApiFixture.await;
import static io.floe.api.node.NodeApiFixture.encode;
import static io.floe.api.node.NodeApiFixture.registration;
import static io.floe.api.HostileAnswers.assertJsonError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.floe.api.ApiPaths;
import io.floe.api.RawHttp;
import io.floe.encoding.bcs.BcsWriter;
import io.floe.encoding.index.SliverPairIndex;
import io.floe.encoding.index.SliverType;
import io.floe.encoding.redstuff.EncodedBlob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests no honest client sends, each answered 4xx in the error JSON without a Java class name, on a real server:
 * an out-of-range pair index inside a batch body, a non-canonical blob ID, a missing parameter, broken chunked
 * bodies, requests Pekko refuses while parsing, and bodies or headers that stop half-way (bounded waits).
 */
class HostileRequestsTest {
    private static final Duration READ = Duration.ofSeconds(15);
    private final NodeApiFixture fixture = new NodeApiFixture(ConfigFactory.parseString(
            "floe.http { idle-timeout = 4s, request-timeout = 3s, body-idle-timeout = 1s }"));

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void refusesPairIndex65535InABatchBody() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = storedBlob(node);
        BcsWriter batch = new BcsWriter().length(1).u16(65535).u8(0)
                .bytes(blob.pair(new SliverPairIndex(0)).primary().toBcs());

        RawHttp.Response response = put(node, ApiPaths.sliverBatch(blob.blobId()), batch.toByteArray());

        assertJsonError(response, 400, SliverEndpoints.MALFORMED_SLIVER);
        assertFalse(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(0)));
    }

    @Test
    void refusesNonCanonicalBlobIdsEvenForASliverPut() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = storedBlob(node);
        String canonical = blob.blobId().toString();
        String alias = canonical.substring(0, 42) + flipLowBit(canonical.charAt(42));
        String path = ApiPaths.sliver(blob.blobId(), new SliverPairIndex(0), SliverType.PRIMARY).replace(canonical, alias);

        RawHttp.Response response = put(node, path, blob.pair(new SliverPairIndex(0)).primary().toBcs());

        assertJsonError(response, 400, "INVALID_BLOB_ID");
        assertFalse(node.backend().hasSliver(blob.blobId(), SliverType.PRIMARY, new SliverPairIndex(0)));
    }

    @Test
    void answersAMissingQueryParameterWith400() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = encode(100, 3);

        RawHttp.Response response = request(node, "GET " + ApiPaths.sliverBatch(blob.blobId(), SliverType.PRIMARY)
                + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertJsonError(response, 400, "MISSING_PARAMETER");
        assertTrue(response.body().contains("pairs"), response.body());
    }

    @Test
    void answersMalformedChunkedBodiesWith400() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = storedBlob(node);
        String head = "PUT " + ApiPaths.metadata(blob.blobId()) + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";

        // Each body ends where it goes wrong: bytes the server never reads would make its close a reset, which may
        // overtake the answer (a client that breaks the framing cannot expect more).
        for (String body : new String[] {"zz\r\n", "3\r\nabcXY", "80000000\r\n", "ffffffffffffffffff\r\n",
                "3;" + "x".repeat(300) + "\r\n"}) {
            RawHttp.Response response;
            try {
                response = request(node, head + body);
            } catch (RuntimeException e) {
                throw new AssertionError("no answer to " + body, e);
            }
            assertEquals(400, response.status(), body + " -> " + response);
            assertJsonError(response, 400, null);
        }
    }

    @Test
    void answersRequestsRefusedWhileParsingInTheErrorJson() {
        NodeApiFixture.Node node = fixture.startSoleNode();

        assertJsonError(request(node, "GET /v1/" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414, null);
        assertJsonError(request(node, "GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                + "\r\n\r\n"), 431, null);
        assertJsonError(request(node, "BREW /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"), 405, null);
        assertJsonError(request(node, "GET /v1/health HTTP/1.7\r\nHost: x\r\n\r\n"), 400, null);
        assertJsonError(request(node, "PUT /v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"), 400, null);
        assertJsonError(request(node, "GET /v1/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"), 400, null);
    }

    @Test
    void answersABodyThatStops408WithinItsBound() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        EncodedBlob blob = storedBlob(node);
        try (RawHttp http = RawHttp.connect(node.url(), READ)) {
            long start = System.nanoTime();
            http.send("PUT " + ApiPaths.metadata(blob.blobId()) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\nabc");

            RawHttp.Response response = http.response();

            assertJsonError(response, 408, "REQUEST_TIMEOUT");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(8)) < 0);
        }
    }

    @Test
    void closesAConnectionWhoseHeadersStopWithinItsBound() {
        NodeApiFixture.Node node = fixture.startSoleNode();
        try (RawHttp http = RawHttp.connect(node.url(), READ)) {
            http.send("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: ");

            // idle-timeout is 4 s; the slack is for a loaded machine.
            assertTrue(http.closedWithin(Duration.ofSeconds(12)), "the connection is still open");
        }
    }

    private EncodedBlob storedBlob(NodeApiFixture.Node node) {
        EncodedBlob blob = encode(2000, 5);
        node.control().put(blob.blobId(), registration(false));
        await(node.client().putMetadata(blob.metadata()));
        return blob;
    }

    private static char flipLowBit(char c) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet.charAt(alphabet.indexOf(c) ^ 1);
    }

    private static RawHttp.Response put(NodeApiFixture.Node node, String path, byte[] body) {
        byte[] head = ("PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] whole = new byte[head.length + body.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        return RawHttp.exchange(node.url(), whole, READ);
    }

    private static RawHttp.Response request(NodeApiFixture.Node node, String raw) {
        return RawHttp.exchange(node.url(), raw, READ);
    }
}
