package io.floe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What every refusal of both APIs must look like: Walrus's error JSON (numeric code, status name, message, an
 * ErrorInfo with reason, domain and metadata), no Java class named.
 */
public final class HostileAnswers {
    /** A Java class name in an answer: {@code IndexOutOfBoundsException}, {@code org.apache.Foo}. */
    public static final Pattern JAVA_CLASS =
            Pattern.compile("[A-Za-z]+(Exception|Error)\\b|\\b[a-z]+\\.[a-z.]+\\.[A-Z]\\w+");

    private HostileAnswers() {
    }

    /** The status (also the JSON's code), the error JSON shape and its reason (when not null), no Java class named. */
    public static void assertJsonError(RawHttp.Response response, int status, String reason) {
        assertEquals(status, response.status(), response::toString);
        JsonNode error = assertErrorShape(response.headers().get("content-type"), response.body(), reason);
        assertEquals(status, error.path("code").intValue(), response::toString);
    }

    /** The error JSON shape of an answer's content type and body, and its reason when not null; the error object. */
    public static JsonNode assertErrorShape(String contentType, String body, String reason) {
        assertEquals("application/json", contentType, body);
        JsonNode error = Json.parse(body.getBytes(StandardCharsets.UTF_8)).path("error");
        assertTrue(error.path("code").isInt() && error.path("code").intValue() >= 400, body);
        assertTrue(error.path("status").asText().matches("[A-Z][A-Z0-9_]*"), body);
        assertFalse(error.path("message").asText().isEmpty(), body);
        JsonNode info = error.path("details").path(0);
        assertEquals("ErrorInfo", info.path("@type").asText(), body);
        assertFalse(info.path("reason").asText().isEmpty(), body);
        assertFalse(info.path("domain").asText().isEmpty(), body);
        assertTrue(info.path("metadata").isObject(), body);
        if (reason != null) {
            assertEquals(reason, info.path("reason").asText(), body);
        }
        assertFalse(JAVA_CLASS.matcher(body).find(), body);
        return error;
    }

    /** The reason of an error answer's body, {@code details[0].reason}. */
    public static String reason(String body) {
        return Json.parse(body.getBytes(StandardCharsets.UTF_8)).path("error").path("details").path(0).path("reason")
                .asText();
    }
}
