package io.floe.cli.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The CLI's one Jackson mapper: it reads the gateway's answers and writes every {@code --json} output. What it writes
 * is one line of printable ASCII (quote, backslash, newline, return and tab as their short escapes, every other
 * character outside 0x20..0x7E as a lower-case backslash-u escape), so the output is the same whatever the terminal's
 * encoding, and an object's fields come out in the order they were put in.
 */
public final class CliJson {
    // Exact decimals so that re-serialising an answer does not change any number it carries.
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
    private static final ObjectWriter LINE = MAPPER.writer().with(new PrintableAscii());

    private CliJson() {
    }

    /** A new, empty JSON object to fill and print with {@link #line}. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new, empty JSON array to fill and print with {@link #line}. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** {@code text} parsed as a JSON tree (e.g. a file the CLI wrote with {@link #line}). */
    public static JsonNode tree(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** {@code node} on one line of ASCII, without a line end. */
    public static String line(JsonNode node) {
        try {
            return LINE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** A generator writing to {@code out} as {@link #line} does, for output too large to build as a tree first. */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return LINE.createGenerator(out);
    }

    /** The escapes of {@link CliJson}'s output, as the CLI has always printed them. */
    private static final class PrintableAscii extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        PrintableAscii() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
            ascii[0x7F] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        // Jackson asks for every ASCII code marked custom above and for every character from 0x80 on.
        @Override
        public SerializableString getEscapeSequence(int ch) {
            return new SerializedString(String.format("\\u%04x", ch));
        }
    }
}
