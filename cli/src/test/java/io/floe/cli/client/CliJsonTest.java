package io.floe.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's JSON output: one line of ASCII, fields in the order they were put, whether built as a tree or streamed. */
class CliJsonTest {
    private static final String TEXT = "a\"b\\c\né\u0001";
    private static final String ESCAPED = "\"a\\\"b\\\\c\\n\\u00e9\\u0001\"";

    @Test
    void escapesAndKeepsAscii() {
        assertEquals("{\"text\":" + ESCAPED + "}", CliJson.line(CliJson.object().put("text", TEXT)));
    }

    @Test
    void escapesEveryCharacterOutsidePrintableAsciiInLowerCase() {
        assertEquals("\"\\t\\r\\u0008\\u000c\\u007f\\ud83d\\ude00 ~\"",
                CliJson.line(CliJson.MAPPER.getNodeFactory().textNode("\t\r\b\f\u007f\ud83d\ude00 ~")));
    }

    @Test
    void generatorEscapesCharactersOutsideTheBasicPlaneAsTheTreeDoes() throws IOException {
        String text = "\u007f\ud83d\ude00";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = CliJson.generator(bytes)) {
            json.writeString(text);
        }

        assertEquals("\"\\u007f\\ud83d\\ude00\"", bytes.toString(StandardCharsets.US_ASCII));
        assertEquals(bytes.toString(StandardCharsets.US_ASCII),
                CliJson.line(CliJson.MAPPER.getNodeFactory().textNode(text)));
    }

    @Test
    void keepsFieldOrderAndWritesAbsentValuesAsNull() {
        String line = CliJson.line(CliJson.object().put("z", 1).put("a", (String) null).put("m", 2L));

        assertEquals("{\"z\":1,\"a\":null,\"m\":2}", line);
    }

    @Test
    void generatorEscapesAsTheTreeDoes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = CliJson.generator(bytes)) {
            json.writeStartObject();
            json.writeStringField("text", TEXT);
            json.writeEndObject();
        }

        assertEquals("{\"text\":" + ESCAPED + "}", bytes.toString(StandardCharsets.US_ASCII));
    }
}
