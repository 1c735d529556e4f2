package io.floe.cluster.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FloeLogEncoderTest {
    // The running context: it has the MDC adapter the JSON encoder reads.
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger logger = context.getLogger("io.floe.cluster.member.FloeMember");

    @AfterEach
    void clearFormat() {
        System.clearProperty(FloeLogEncoder.FORMAT_PROPERTY);
    }

    @Test
    void writesOneJsonObjectPerLineWhenAskedForJson() {
        System.setProperty(FloeLogEncoder.FORMAT_PROPERTY, "json");
        String line = encode("member {} started with roles {}", "node-1", "[storage]");
        assertTrue(line.startsWith("{") && line.endsWith("}\n"), line);
        assertEquals(1, line.split("\n").length, line);
        assertTrue(line.contains("\"level\":\"INFO\""), line);
        assertTrue(line.contains("\"loggerName\":\"io.floe.cluster.member.FloeMember\""), line);
        assertTrue(line.contains("\"formattedMessage\":\"member node-1 started with roles [storage]\""), line);
        assertFalse(line.contains("\"arguments\""), line);
    }

    @Test
    void writesPlainLinesByDefaultAndForUnknownFormats() {
        assertEquals("INFO  FloeMember - member node-1 started\n", encode("member {} started", "node-1"));
        System.setProperty(FloeLogEncoder.FORMAT_PROPERTY, "yaml");
        assertEquals("INFO  FloeMember - member node-1 started\n", encode("member {} started", "node-1"));
    }

    private String encode(String message, Object... args) {
        FloeLogEncoder encoder = new FloeLogEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{0} - %msg%n");
        encoder.start();
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, message, null, args);
        String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
        encoder.stop();
        return text;
    }
}
