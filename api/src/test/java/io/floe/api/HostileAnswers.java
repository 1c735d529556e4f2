package io.floe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** What every refusal of both APIs must look like: the error JSON, a code and a message, no Java class named. */
public final class HostileAnswers {
    /** A Java class name in an answer: {@code IndexOutOfBoundsException}, {@code org.apache.Foo}. */
    public static final Pattern JAVA_CLASS =
            Pattern.compile("[A-Za-z]+(Exception|Error)\\b|\\b[a-z]+\\.[a-z.]+\\.[A-Z]\\w+");

    private HostileAnswers() {
    }

    /** The status, the error JSON shape and its code (when not null), and no Java class named anywhere. */
    public static void assertJsonError(RawHttp.Response response, int status, String code) {
        assertEquals(status, response.status(), response::toString);
        assertErrorShape(response.headers().get("content-type"), response.body(), code);
    }

    /** The error JSON shape of an answer's content type and body. */
    public static void assertErrorShape(String contentType, String body, String code) {
        assertEquals("application/json", contentType, body);
        JsonNode error = Json.parse(body.getBytes(StandardCharsets.UTF_8)).path("error");
        assertFalse(error.path("code").asText().isEmpty(), body);
        assertFalse(error.path("message").asText().isEmpty(), body);
        assertFalse(error.path("details").path(0).path("reason").asText().isEmpty(), body);
        if (code != null) {
            assertEquals(code, error.path("code").asText(), body);
        }
        assertFalse(JAVA_CLASS.matcher(body).find(), body);
    }
}
