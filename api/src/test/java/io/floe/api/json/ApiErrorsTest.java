package io.floe.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.control.ControlPlaneException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.junit.jupiter.api.Test;

/** Error answers in Walrus's AIP-193 shape, with Walrus's status names and domains (walrus-storage-node-client). */
class ApiErrorsTest {
    @Test
    void writesWalrusExampleByteForByte() {
        // The example of Walrus's api/errors.rs, with the domain its storage node really sends.
        ApiException refusal = new ApiException(400, "SHARD_NOT_ASSIGNED",
                "shard 0 is not assigned to this node in epoch 17")
                .withDetails(ErrorReasons.STORAGE_NODE, Map.of("shard", 0, "epoch", 17));

        assertEquals("{\"error\":{\"status\":\"FAILED_PRECONDITION\",\"code\":400,"
                + "\"message\":\"shard 0 is not assigned to this node in epoch 17\",\"details\":[{\"@type\":\"ErrorInfo\","
                + "\"reason\":\"SHARD_NOT_ASSIGNED\",\"domain\":\"storage.walrus.space\","
                + "\"metadata\":{\"epoch\":17,\"shard\":0}}]}}", text(ApiErrors.response(refusal)));
    }

    @Test
    void walrusReasonsGetWalrusStatusAndDomain() {
        assertError(new ApiException(504, ErrorReasons.INSUFFICIENT_CONFIRMATIONS, "m"), 504, "DEADLINE_EXCEEDED",
                ErrorReasons.DAEMON);
        assertError(new ApiException(503, ErrorReasons.BLOB_UNAVAILABLE, "m"), 503, "UNAVAILABLE", ErrorReasons.DAEMON);
        assertError(ApiException.notFound(ErrorReasons.BLOB_NOT_FOUND, "m"), 404, "NOT_FOUND", ErrorReasons.DAEMON);
        assertError(ApiException.badRequest(ErrorReasons.INVALID_BYTE_RANGE, "m"), 400, "INVALID_ARGUMENT",
                ErrorReasons.DAEMON);
        assertError(new ApiException(416, ErrorReasons.INVALID_BYTE_RANGE, "m"), 416, "RANGE_NOT_SATISFIABLE",
                ErrorReasons.DAEMON);
        assertError(ApiException.badRequest("NOT_REGISTERED", "m"), 400, "FAILED_PRECONDITION",
                ErrorReasons.STORAGE_NODE);
        assertError(ApiException.notFound("METADATA_NOT_FOUND", "m"), 404, "NOT_FOUND", ErrorReasons.STORAGE_NODE);
        assertError(new ApiException(401, "INVALID_TOKEN", "m"), 401, "UNAUTHENTICATED", ErrorReasons.PUBLISHER_AUTH);
    }

    @Test
    void floeReasonsGetWalrusNamesOfTheirStatusOrTheHttpPhrase() {
        assertError(ApiException.badRequest("INVALID_PARAMETER", "m"), 400, "INVALID_ARGUMENT", ErrorReasons.FLOE);
        assertError(new ApiException(403, "NOT_OWNER", "m"), 403, "PERMISSION_DENIED", ErrorReasons.FLOE);
        assertError(new ApiException(503, "PUBLISHER_BUSY", "m"), 503, "UNAVAILABLE", ErrorReasons.FLOE);
        assertError(ApiException.conflict("METADATA_NOT_STORED", "m"), 409, "CONFLICT", ErrorReasons.FLOE);
        assertError(new ApiException(402, "INSUFFICIENT_FUNDS", "m"), 402, "PAYMENT_REQUIRED", ErrorReasons.FLOE);
    }

    @Test
    void controlPlaneRefusalsAreFloesEvenWhenNamedLikeAWalrusReason() {
        JsonNode error = error(ApiErrors.fromThrowable(new ControlPlaneException.Refused("UNAVAILABLE", "m")));
        assertEquals(409, error.path("code").intValue());
        assertEquals(ErrorReasons.FLOE, error.path("details").path(0).path("domain").asText());

        JsonNode quorum = error(ApiErrors.fromThrowable(new ControlPlaneException.NotEnoughConfirmations(3, 10)));
        assertEquals(504, quorum.path("code").intValue());
        assertEquals(ErrorReasons.INSUFFICIENT_CONFIRMATIONS, quorum.path("details").path(0).path("reason").asText());
    }

    @Test
    void unexpectedFailuresAreWalrusInternalErrors() {
        JsonNode error = error(ApiErrors.fromThrowable(new IllegalStateException("secret detail")));
        assertEquals(500, error.path("code").intValue());
        assertEquals("INTERNAL", error.path("status").asText());
        assertEquals("INTERNAL_ERROR", error.path("details").path(0).path("reason").asText());
        assertEquals(ErrorReasons.GLOBAL, error.path("details").path(0).path("domain").asText());
        assertTrue(!error.toString().contains("secret"), error::toString);
    }

    private static void assertError(ApiException refusal, int code, String status, String domain) {
        HttpResponse response = ApiErrors.response(refusal);
        JsonNode error = error(response);
        assertEquals(code, response.status().intValue());
        assertEquals(code, error.path("code").intValue(), error::toString);
        assertEquals(status, error.path("status").asText(), error::toString);
        JsonNode info = error.path("details").path(0);
        assertEquals("ErrorInfo", info.path("@type").asText());
        assertEquals(refusal.reason(), info.path("reason").asText());
        assertEquals(domain, info.path("domain").asText(), error::toString);
        assertTrue(info.path("metadata").isObject() && info.path("metadata").isEmpty(), error::toString);
    }

    private static JsonNode error(HttpResponse response) {
        return Json.parse(text(response).getBytes(StandardCharsets.UTF_8)).path("error");
    }

    private static String text(HttpResponse response) {
        return ((HttpEntity.Strict) response.entity()).getData().utf8String();
    }
}
