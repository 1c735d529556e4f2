package io.floe.api.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import io.floe.api.HostileAnswers;
import io.floe.api.gateway.auth.TestTokens;
import io.floe.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /v1/blobs} on a real server with {@code floe.gateway.jwt} on and {@code verify-upload}: no token or a
 * bad one is 401 with the error JSON, a good one stores (200) once, its {@code jti} replayed is 401, an upload
 * outside the token's limits is 401 without spending it, and an unknown query parameter is 400 before any of that.
 */
class PublisherAuthRouteTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String SECRET = "route-test-secret";
    private static final int MAX_BODY = 1 << 20;
    /** The fake storage nodes confirm permanent blobs only. */
    private static final String STORE = "/v1/blobs?permanent=true&epochs=";
    private final BlobWriterFixture fixture = new BlobWriterFixture("publisher-auth-route", ConfigFactory.parseString(
            "floe.gateway.jwt { enabled = true, decode-secret = \"" + SECRET + "\", verify-upload = true }")
            .withFallback(ConfigFactory.load()));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final byte[] blob = new byte[20_000];
    private Path spool;
    private URI gateway;

    @BeforeEach
    void start() throws Exception {
        new Random(13).nextBytes(blob);
        spool = Files.createTempDirectory("floe-spool");
        gateway = fixture.serve(new UploadSettings(MAX_BODY, spool, MAX_BODY));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        try (var files = Files.list(spool)) {
            assertEquals(0, files.count(), "an upload left a spool file");
        }
        Files.deleteIfExists(spool);
    }

    @Test
    void refusesAnUploadWithoutAValidTokenWith401() throws Exception {
        assertError(put("/v1/blobs", null), 401, "MISSING_TOKEN");
        assertError(put("/v1/blobs", "Bearer not.a.token"), 401, "INVALID_TOKEN");
        assertError(put("/v1/blobs", "Bearer " + TestTokens.hs256("guessed", claims("forged"))), 401,
                "INVALID_SIGNATURE");
        ObjectNode expired = TestTokens.claims(Instant.now().getEpochSecond() - 3_600, "expired");
        assertError(put("/v1/blobs", "Bearer " + TestTokens.hs256(SECRET, expired)), 401, "EXPIRED_SIGNATURE");
        assertEquals(0, fixture.control.registerCalls.size(), "nothing refused was paid for");
    }

    @Test
    void storesWithAGoodTokenOnceAndRefusesItsJtiAgain() throws Exception {
        String token = "Bearer " + TestTokens.hs256(SECRET, claims("one-store"));

        HttpResponse<String> stored = put(STORE + 1, token);
        assertEquals(200, stored.statusCode(), stored::body);
        JsonNode answer = Json.parse(stored.body().getBytes(StandardCharsets.UTF_8));
        assertTrue(answer.has("newlyCreated"), stored::body);

        assertError(put(STORE + "1&force=true", token), 401, "TOKEN_ALREADY_USED");
        assertEquals(1, fixture.control.registerCalls.size(), "the replay was not paid for");
    }

    @Test
    void refusesAnUploadOutsideTheTokensLimitsWithoutSpendingIt() throws Exception {
        ObjectNode limited = claims("two-epochs");
        limited.put("epochs", 2);
        limited.put("max_size", blob.length);
        String token = "Bearer " + TestTokens.hs256(SECRET, limited);

        assertError(put(STORE + 1, token), 401, "INVALID_EPOCHS");

        HttpResponse<String> stored = put(STORE + 2, token);
        assertEquals(200, stored.statusCode(), stored::body);
    }

    @Test
    void refusesAnUnknownQueryParameterWith400NamingIt() throws Exception {
        String token = "Bearer " + TestTokens.hs256(SECRET, claims("misspelt"));

        HttpResponse<String> misspelt = put("/v1/blobs?epoch=5", token);
        assertError(misspelt, 400, "INVALID_PARAMETER");
        assertTrue(misspelt.body().contains("'epoch'"), misspelt::body);
        assertError(put("/v1/blobs?epochs=1&share=true", null), 400, "INVALID_PARAMETER");

        assertEquals(200, put(STORE + 1, token).statusCode(), "the refusal did not spend the token");
    }

    private static ObjectNode claims(String jti) {
        return TestTokens.claims(Instant.now().getEpochSecond() + 600, jti);
    }

    private HttpResponse<String> put(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(blob));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response::body);
        HostileAnswers.assertErrorShape(response.headers().firstValue("Content-Type").orElse(""), response.body(),
                code);
    }
}
