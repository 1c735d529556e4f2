package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.floe.api.HostileAnswers;
import io.floe.api.RawHttp;
import io.floe.api.ServerBindings;
import io.floe.api.control.UnsupportedControlPlane;
import io.floe.api.json.Json;
import io.floe.api.node.NodeClient;
import io.floe.encoding.metadata.BlobId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's answers to requests it refuses: 400 for a missing or malformed parameter, 400 for a broken chunked
 * upload, and a refused upload's status delivered to the JDK client whole (the body is drained first), not a reset.
 */
class GatewayHostileRequestsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_BODY = 1 << 20;
    private final ActorTestKit testKit = ActorTestKit.create("gateway-hostile", ConfigFactory.parseString(
            "floe.http { idle-timeout = 6s, request-timeout = 5s, body-idle-timeout = 2s }")
            .withFallback(ConfigFactory.load()));
    private final ExecutorService cpu = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String blobId = BlobId.of(new byte[32]).toString();
    private ServerBinding binding;
    private Path spool;

    @AfterEach
    void stop() throws Exception {
        if (binding != null) {
            binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        testKit.shutdownTestKit();
        cpu.shutdownNow();
        if (spool != null) {
            try (var files = Files.list(spool)) {
                assertEquals(0, files.count(), "a refused upload left a spool file");
            }
            Files.deleteIfExists(spool);
        }
    }

    @Test
    void answersMissingAndMalformedParametersWith400() throws Exception {
        URI gateway = start();

        assertError(get(gateway, "/v1/blobs/" + blobId + "/byte-range?start=0"), 400, "MISSING_PARAMETER");
        assertError(get(gateway, "/v1/blobs/" + blobId + "/byte-range?start=x&length=1"), 400, "INVALID_PARAMETER");
        String alias = blobId.substring(0, 42) + "B";
        assertError(get(gateway, "/v1/blobs/" + alias), 400, "INVALID_BLOB_ID");
        assertError(get(gateway, "/v1/blobs/" + alias + "/status"), 400, "INVALID_BLOB_ID");
    }

    @Test
    void deliversTheRefusalOfAnUploadWithBadParametersAfterItsBody() throws Exception {
        URI gateway = start();

        HttpResponse<String> response = put(gateway, "/v1/blobs?epochs=many", new byte[MAX_BODY - 10]);

        assertError(response, 400, "INVALID_PARAMETER");
    }

    @Test
    void deliversTheBusyRefusalToAClientStillSendingItsBody() throws Exception {
        URI gateway = start();
        try (RawHttp held = RawHttp.connect(gateway, TIMEOUT)) {
            // An upload that declares the whole budget and sends a little: it holds the budget while it lasts.
            held.send("PUT /v1/blobs HTTP/1.1\r\nHost: x\r\nContent-Length: " + MAX_BODY + "\r\n\r\nabc");
            awaitBusy(gateway);

            HttpResponse<String> refused = put(gateway, "/v1/blobs", new byte[MAX_BODY / 2]);

            assertError(refused, 503, "PUBLISHER_BUSY");
            // The held upload stalls: it is answered 408 within the body bound and gives the budget back.
            HostileAnswers.assertJsonError(held.response(), 408, "REQUEST_TIMEOUT");
        }
    }

    @Test
    void answersABrokenChunkedUploadWith400() {
        URI gateway = start();

        RawHttp.Response response = RawHttp.exchange(gateway, "PUT /v1/blobs HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n", TIMEOUT);

        HostileAnswers.assertJsonError(response, 400, null);
    }

    /** The held upload has reserved its bytes once its spool file exists (made right after the reservation). */
    private void awaitBusy(URI gateway) throws Exception {
        awaitSpoolFile(spool, TIMEOUT);
    }

    /** Waits (bounded) until an upload has a spool file in {@code spool}: it holds its store budget then. */
    static void awaitSpoolFile(Path spool, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(spool)) {
                if (files.findAny().isPresent()) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the held upload never took the store budget");
    }

    /** Four shards on one node nobody reaches: no store here gets as far as uploading. */
    private static final io.floe.protocol.committee.Committee OFFLINE_COMMITTEE = offlineCommittee();

    private static io.floe.protocol.committee.Committee offlineCommittee() {
        var node = new io.floe.protocol.committee.StorageNodeInfo(new io.floe.protocol.committee.NodeId("offline"),
                "http://127.0.0.1:9", io.floe.protocol.testing.TestKey.generate().publicKey(), 1);
        return new io.floe.protocol.committee.Committee(io.floe.protocol.committee.Epoch.GENESIS,
                java.util.List.of(node), java.util.Collections.nCopies(4, node.id()));
    }

    private URI start() {
        // Stores ask the committee first: its shard count sizes the store's heap and a signed body's limit.
        UnsupportedControlPlane control = new UnsupportedControlPlane() {
            @Override
            public java.util.concurrent.CompletionStage<io.floe.protocol.committee.Committee> committee() {
                return java.util.concurrent.CompletableFuture.completedFuture(OFFLINE_COMMITTEE);
            }
        };
        BlobReader reader = new BlobReader(info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, 2);
        BlobWriter writer = new BlobWriter(testKit.system(), control,
                info -> new NodeClient(http, URI.create(info.storageUrl()), TIMEOUT), cpu, Duration.ofMillis(10), 2);
        try {
            spool = Files.createTempDirectory("floe-spool");
            ClientRoutes routes = new ClientRoutes(testKit.system(), control, writer, reader,
                    new UploadSettings(MAX_BODY, spool, MAX_BODY), node -> true, cpu);
            binding = ServerBindings.serverAt(testKit.system(), "127.0.0.1", 0).bind(routes.createRoute())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return URI.create("http://127.0.0.1:" + binding.localAddress().getPort());
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(URI base, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response::body);
        JsonNode error = Json.parse(response.body().getBytes(StandardCharsets.UTF_8)).path("error");
        assertEquals(code, error.path("details").path(0).path("reason").asText(), response::body);
        assertFalse(HostileAnswers.JAVA_CLASS.matcher(response.body()).find(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
