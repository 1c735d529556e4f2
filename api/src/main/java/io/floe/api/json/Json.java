package io.floe.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;

/**
 * The one Jackson mapper of the HTTP layer, kept private so nobody reconfigures it under the routes' feet. All API
 * JSON is built as trees, so field names and order are exactly the ones written here (Walrus clients compare
 * answers of different nodes as serialized strings).
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** Parses JSON; malformed input is an {@link IllegalArgumentException} naming the problem. */
    public static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON of plain values (maps, lists, strings, numbers, booleans); a map's keys sorted, as serde_json writes a
     * map, so the same value always reads the same.
     */
    public static JsonNode tree(Object value) {
        Object sorted = value instanceof java.util.Map<?, ?> map ? new java.util.TreeMap<>(map) : value;
        return MAPPER.valueToTree(sorted);
    }

    /** A strict {@code application/json} entity. */
    public static HttpEntity.Strict entity(JsonNode node) {
        return HttpEntities.create(ContentTypes.APPLICATION_JSON, bytes(node));
    }
}
